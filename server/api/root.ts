import { authRouter } from "./routers/auth";
import { inboxRouter } from "./routers/inbox";
import { planRouter } from "./routers/plan";
import { projectsRouter } from "./routers/projects";
import { sandboxRouter } from "./routers/sandbox";
import { testCustomerRouter } from "./routers/test-customer";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

/** One router per domain; add new domains here. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  workspace: workspaceRouter,
  plan: planRouter,
  projects: projectsRouter,
  sandbox: sandboxRouter,
  inbox: inboxRouter,
  testCustomer: testCustomerRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

import { attributionRouter } from "./routers/attribution";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { inboxRouter } from "./routers/inbox";
import { linksRouter } from "./routers/links";
import { planRouter } from "./routers/plan";
import { presenceRouter } from "./routers/presence";
import { projectsRouter } from "./routers/projects";
import { riskRouter } from "./routers/risk";
import { routingRouter } from "./routers/routing";
import { sandboxRouter } from "./routers/sandbox";
import { teamRouter } from "./routers/team";
import { testCustomerRouter } from "./routers/test-customer";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

/** One router per domain; add new domains here. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  workspace: workspaceRouter,
  plan: planRouter,
  projects: projectsRouter,
  routing: routingRouter,
  audit: auditRouter,
  sandbox: sandboxRouter,
  inbox: inboxRouter,
  links: linksRouter,
  attribution: attributionRouter,
  testCustomer: testCustomerRouter,
  risk: riskRouter,
  presence: presenceRouter,
  team: teamRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

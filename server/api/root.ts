import { authRouter } from "./routers/auth";
import { planRouter } from "./routers/plan";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

/** One router per domain; add new domains here. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  workspace: workspaceRouter,
  plan: planRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

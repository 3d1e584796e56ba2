import { planOverview } from "@/server/plans/plan-overview";
import { createTRPCRouter, requirePermission } from "../trpc";

export const planRouter = createTRPCRouter({
  /** Plan, trial days left and usage against quotas (Settings → Plan). */
  overview: requirePermission("workspace.view").query(({ ctx }) => planOverview(ctx.db, ctx.workspace, ctx.plan)),
});

import { planOverview } from "@/server/plans/plan-overview";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const planRouter = createTRPCRouter({
  /** Plan, trial days left and usage against quotas (Settings → Plan). */
  overview: workspaceProcedure.query(({ ctx }) => planOverview(ctx.db, ctx.workspace)),
});

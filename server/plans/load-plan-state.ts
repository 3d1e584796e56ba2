import { and, desc, eq, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { subscriptions } from "@/db/schema";
import type { PlanId } from "@/lib/access/plans";
import { planState, type PlanState } from "@/lib/access/plan-state";

/** The workspace's plan state right now, from its trial end and its current paid period if any. */
export async function loadPlanState(
  db: Database,
  workspace: { id: string; plan: PlanId; trialEndsAt: Date },
  now = new Date(),
): Promise<PlanState> {
  const [subscription] = await db
    .select({ plan: subscriptions.plan, seats: subscriptions.seats, periodEnd: subscriptions.periodEnd })
    .from(subscriptions)
    .where(and(eq(subscriptions.workspaceId, workspace.id), eq(subscriptions.status, "active"), gt(subscriptions.periodEnd, now)))
    .orderBy(desc(subscriptions.periodEnd))
    .limit(1);
  return planState(workspace, subscription ?? null, now);
}

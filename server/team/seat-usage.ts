import type { Database } from "@/db/client";
import type { PlanState } from "@/lib/access/plan-state";
import { countSeats } from "./seat-quota";

/** Seats taken by members, held by pending invitations, and the plan's quota (the Agents page header). */
export async function seatUsage(db: Database, workspaceId: string, plan: Pick<PlanState, "label" | "quotas">) {
  const { members, pending } = await countSeats(db, workspaceId);
  return { used: members, pending, quota: plan.quotas.seats, planLabel: plan.label };
}

import type { Database } from "@/db/client";
import type { Action } from "@/lib/access/actions";
import { permission, type Permission } from "@/lib/access/permission";
import type { PlanState } from "@/lib/access/plan-state";
import type { Role } from "@/lib/access/roles";
import { loadPlanState } from "@/server/plans/load-plan-state";
import type { PlanId } from "@/lib/access/plans";

type Membership = {
  role: Role;
  permissions: { mayTransfer: boolean; mayViewAll: boolean };
  workspace: { id: string; plan: PlanId; trialEndsAt: Date };
};

/**
 * The access model's answers for one member, with the plan's state loaded once: what route
 * handlers and pages ask before they act (tRPC procedures ask through requirePermission).
 */
export async function memberAccess(
  db: Database,
  membership: Membership,
): Promise<{ plan: PlanState; access: (action: Action) => Permission }> {
  const plan = await loadPlanState(db, membership.workspace);
  const asker = { role: membership.role, plan, member: membership.permissions };
  return { plan, access: (action) => permission(action, asker) };
}

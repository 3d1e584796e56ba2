import { DomainError } from "@/server/errors";
import type { PlanState } from "@/server/plans/plan-state";
import type { Role } from "@/server/workspaces/roles";

/** Owners and admins manage risk word groups; supervisors read them (and audit their hits). */
export const RISK_EDIT_ROLES = ["owner", "admin"] as const satisfies readonly Role[];
export const RISK_READ_ROLES = ["owner", "admin", "supervisor"] as const satisfies readonly Role[];

export function riskControlIncluded(plan: Pick<PlanState, "features">): boolean {
  return plan.features.includes("riskControl");
}

export function upgradeMessage(plan: Pick<PlanState, "label">): string {
  return `Content risk control is part of the Pro plan (and the trial); your workspace is on ${plan.label}, so agents' messages are not checked. Choose Pro in Settings → Plan to turn it on.`;
}

/** Refuses changes to risk word groups on a plan without content risk control. */
export function assertRiskControl(plan: Pick<PlanState, "features" | "label">): void {
  if (!riskControlIncluded(plan)) throw new DomainError("forbidden", upgradeMessage(plan));
}

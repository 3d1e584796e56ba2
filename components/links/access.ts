import type { PlanState } from "@/server/plans/plan-state";
import type { Role } from "@/server/workspaces/roles";

/** Whether this person may see and change diversion links here, and if not, why (the server refuses anyway). */
export type LinkAccess = { canView: boolean; canEdit: boolean; reason: string | null };

export const LINK_ROLES: readonly Role[] = ["owner", "admin", "marketer"];

export function linkAccess(role: Role, plan: Pick<PlanState, "readOnly" | "label" | "features">): LinkAccess {
  if (!LINK_ROLES.includes(role)) {
    return { canView: false, canEdit: false, reason: "Only owners, admins and marketers work with diversion links." };
  }
  if (plan.readOnly) {
    return {
      canView: true,
      canEdit: false,
      reason: `Your ${plan.label} plan has expired, so links are read-only and their short URLs answer “not found”. Choose a plan in Settings → Plan.`,
    };
  }
  if (!plan.features.includes("diversionLinks")) {
    return {
      canView: true,
      canEdit: false,
      reason: `Diversion links are not included in your ${plan.label} plan. Upgrade to Standard or Pro in Settings → Plan to use them.`,
    };
  }
  return { canView: true, canEdit: true, reason: null };
}

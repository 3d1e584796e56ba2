import type { Role } from "@/server/workspaces/roles";

/** Whether this person may change projects here, and if not, why (the server refuses anyway). */
export type ProjectAccess = { canEdit: boolean; reason: string | null };

export function projectAccess(role: Role, plan: { readOnly: boolean; label: string }): ProjectAccess {
  if (plan.readOnly) {
    return {
      canEdit: false,
      reason: `Your ${plan.label} plan has expired, so projects are read-only. Choose a plan in Settings → Plan.`,
    };
  }
  if (role !== "owner" && role !== "admin")
    return { canEdit: false, reason: "Only owners and admins can change projects and bots." };
  return { canEdit: true, reason: null };
}

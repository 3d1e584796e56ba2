import type { Role } from "@/server/workspaces/roles";

/** Who may read routing settings: the people who watch or run the desk. */
export const ROUTING_READERS = ["owner", "admin", "supervisor"] as const satisfies readonly Role[];

/** Whether this person may change routing, and if not, why (the server refuses anyway). */
export function routingAccess(
  role: Role,
  plan: { readOnly: boolean; label: string },
): { canEdit: boolean; reason: string | null } {
  if (plan.readOnly) {
    return {
      canEdit: false,
      reason: `Your ${plan.label} plan has expired, so routing settings are read-only. Choose a plan in Settings → Plan.`,
    };
  }
  if (role !== "owner" && role !== "admin")
    return { canEdit: false, reason: "Only owners and admins can change routing settings." };
  return { canEdit: true, reason: null };
}

import type { Role } from "@/server/workspaces/roles";

/** What this person may do on the Agents page, and if not, why (the server refuses anyway). */
export type TeamAccess = { canManage: boolean; isOwner: boolean; reason: string | null };

export function teamAccess(role: Role, plan: { readOnly: boolean; label: string }): TeamAccess {
  const isOwner = role === "owner";
  if (plan.readOnly) {
    return {
      canManage: false,
      isOwner,
      reason: `Your ${plan.label} plan has expired, so the team is read-only. Choose a plan in Settings → Plan to invite or change members.`,
    };
  }
  if (role !== "owner" && role !== "admin") {
    return { canManage: false, isOwner, reason: "Only owners and admins can invite people or change members." };
  }
  return { canManage: true, isOwner, reason: null };
}

/** Roles a manager can give: only the owner makes admins, nobody makes owners. */
export function grantableRoles(access: TeamAccess) {
  return (["agent", "supervisor", "admin", "marketer"] as const).filter((r) => r !== "admin" || access.isOwner);
}

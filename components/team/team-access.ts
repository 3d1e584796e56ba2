import type { Permission } from "@/lib/access/permission";
import { ROLES } from "@/lib/access/roles";

/** What this person may do on the Agents page (lib/access answers; the server refuses anyway). */
export type TeamAccess = { manage: Permission; manageAdmins: Permission };

/** Roles a manager can give: only the owner makes admins, nobody makes owners. Agent first: the usual choice. */
export function grantableRoles(access: TeamAccess) {
  const roles = ROLES.filter((r) => r !== "owner" && (r !== "admin" || access.manageAdmins.allowed));
  return roles.sort((a, b) => Number(b === "agent") - Number(a === "agent"));
}

import { DomainError } from "@/server/errors";
import type { Role } from "@/server/workspaces/roles";

/** Owners and admins manage the team; supervisors may look. */
export const TEAM_MANAGERS = ["owner", "admin"] as const satisfies readonly Role[];
export const TEAM_VIEWERS = ["owner", "admin", "supervisor"] as const satisfies readonly Role[];

/** Only the owner makes admins (by invitation or by role change). */
export function assertMayGrant(actorRole: Role, role: Role): void {
  if (role === "owner") throw new DomainError("forbidden", "A workspace has one owner; that role cannot be given.");
  if (role === "admin" && actorRole !== "owner") {
    throw new DomainError("forbidden", "Only the owner can make someone an admin.");
  }
}

/** Nobody changes or removes the owner; only the owner changes or removes an admin. */
export function assertMayChangeMember(actorRole: Role, target: { role: Role }, verb: "change" | "remove"): void {
  if (target.role === "owner") throw new DomainError("forbidden", `Nobody can ${verb} the workspace owner.`);
  if (target.role === "admin" && actorRole !== "owner") {
    throw new DomainError("forbidden", `Only the owner can ${verb} an admin.`);
  }
}

import { roleMay } from "@/lib/access/permission";
import type { Role } from "@/lib/access/roles";
import { DomainError } from "@/server/errors";

/** Only those who may manage admins (the owner) make admins, by invitation or by role change. */
export function assertMayGrant(actorRole: Role, role: Role): void {
  if (role === "owner") throw new DomainError("forbidden", "A workspace has one owner; that role cannot be given.");
  if (role === "admin" && !roleMay(actorRole, "team.manage_admins")) {
    throw new DomainError("forbidden", "Only the owner can make someone an admin.");
  }
}

/** Nobody changes or removes the owner; only those who may manage admins change or remove an admin. */
export function assertMayChangeMember(actorRole: Role, target: { role: Role }, verb: "change" | "remove"): void {
  if (target.role === "owner") throw new DomainError("forbidden", `Nobody can ${verb} the workspace owner.`);
  if (target.role === "admin" && !roleMay(actorRole, "team.manage_admins")) {
    throw new DomainError("forbidden", `Only the owner can ${verb} an admin.`);
  }
}

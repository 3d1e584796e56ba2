/** Members' roles, in the order of the database enum `member_role` (db/schema imports this list). */
export const ROLES = ["owner", "admin", "supervisor", "agent", "marketer"] as const;
export type Role = (typeof ROLES)[number];

/** Roles an invitation or a role change can give: a workspace has exactly one owner, from sign-up. */
export const ASSIGNABLE_ROLES = ["admin", "supervisor", "agent", "marketer"] as const satisfies readonly Exclude<Role, "owner">[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  supervisor: "Supervisor",
  agent: "Agent",
  marketer: "Marketer",
};

import type { Role } from "@/server/workspaces/roles";

/** Who works conversations. Marketers read attribution, not customers' messages. */
export const INBOX_ROLES = ["owner", "admin", "supervisor", "agent"] as const satisfies readonly Role[];

export function canUseInbox(role: Role): boolean {
  return (INBOX_ROLES as readonly Role[]).includes(role);
}

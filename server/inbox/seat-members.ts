import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { roleMay, rolesThatMay } from "@/lib/access/permission";
import { DomainError } from "@/server/errors";
import type { Tx } from "@/db/transaction";
import { nameOf } from "./session-access";

/** Open sessions a member works right now (their load against capacity). */
const openSessions = sql<number>`(select count(*)::int from sessions s
  where s.workspace_id = ${memberships.workspaceId} and s.status = 'open' and s.assigned_user_id = ${memberships.userId})`;

const columns = {
  userId: memberships.userId,
  name: nameOf(users),
  role: memberships.role,
  status: memberships.status,
  awayReason: memberships.awayReason,
  capacity: memberships.capacity,
  openSessions,
};

/** The members a session can be assigned or transferred to (seat roles), with status and load. */
export function listSeatMembers(db: Database, workspaceId: string) {
  return db
    .select(columns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, rolesThatMay("inbox.work"))))
    .orderBy(asc(nameOf(users)));
}

export type SeatMember = Awaited<ReturnType<typeof listSeatMembers>>[number];

/**
 * A seat member about to receive a session, refused when they are not one or already at capacity.
 * Call inside the transaction holding the routing lock, so the load cannot change before the assignment.
 */
export async function memberWithRoom(tx: Tx, workspaceId: string, userId: string, { self }: { self: boolean }) {
  const [member] = await tx
    .select(columns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  if (!member) throw new DomainError("not_found", "This teammate is not a member of the workspace (any more).");
  if (!roleMay(member.role, "inbox.work")) {
    throw new DomainError("invalid", `${member.name} is a marketer and does not work conversations.`);
  }
  if (member.openSessions >= member.capacity) {
    const load = `(${member.openSessions} of ${member.capacity})`;
    throw new DomainError(
      "conflict",
      self
        ? `You are at capacity ${load}. Close a conversation first.`
        : `${member.name} is at capacity ${load}. Pick someone else or raise their capacity on the Agents page.`,
    );
  }
  return member;
}

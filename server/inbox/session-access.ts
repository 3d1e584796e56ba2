import { and, eq, sql } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { memberships, sessions, users } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { Tx } from "@/db/transaction";
import { memberMay, roleMay } from "@/lib/access/permission";
import type { Role } from "@/lib/access/roles";

/** Whoever oversees every conversation (lib/access: "inbox.supervise"): sees all, replies anywhere, assigns, reassigns and takes over. */
export function supervises(role: Role): boolean {
  return roleMay(role, "inbox.supervise");
}

/** Who is looking at the inbox, with the permissions that decide what they see and may do. */
export type InboxViewer = { userId: string; role: Role; mayViewAll: boolean; mayTransfer: boolean };

/** Supervisors and up always see every session; agents only with "may view all sessions". */
export function seesEverySession(viewer: InboxViewer): boolean {
  return memberMay("inbox.view_all", viewer.role, viewer);
}

/** What decides who may open and work a session. */
export type SessionFacts = {
  status: "open" | "closed";
  assignedUserId: string | null;
  /** The assigned agent's name (or email), for messages. */
  assigneeName: string | null;
};

/** Mine and the queue for everyone; every other session only for those who see all. */
export function mayOpen(viewer: InboxViewer, session: SessionFacts): boolean {
  if (seesEverySession(viewer)) return true;
  if (session.assignedUserId === viewer.userId) return true;
  return session.status === "open" && session.assignedUserId === null;
}

export function conversationNotFound(): DomainError {
  return new DomainError("not_found", "This conversation does not exist in this workspace. It may have been deleted.");
}

/** What an agent without "may view all sessions" is told about a session that is not theirs (any more). */
export function conversationHidden(): DomainError {
  return new DomainError("not_found", "Conversation not found. It may have been transferred or reassigned to a teammate.");
}

/** Why this viewer may not reply to this session, or null when they may. */
export function replyRefusal(viewer: InboxViewer, session: SessionFacts): string | null {
  if (session.status === "closed") {
    return "This conversation is closed. When the customer writes again, a new conversation opens.";
  }
  // Supervisors intervene in any open session.
  if (supervises(viewer.role) || session.assignedUserId === viewer.userId) return null;
  if (session.assignedUserId === null) return "This conversation is waiting in the queue — take it first.";
  return `This conversation is assigned to ${session.assigneeName ?? "a teammate"}.`;
}

/** What the viewer may do with a session right now (the conversation header shows these actions). */
export function sessionActions(viewer: InboxViewer, session: SessionFacts) {
  const open = session.status === "open";
  const queued = open && session.assignedUserId === null;
  const mine = open && session.assignedUserId === viewer.userId;
  const boss = supervises(viewer.role);
  return {
    /** Why a reply is refused, or null. */
    replyRefusal: replyRefusal(viewer, session),
    take: queued,
    /** Assign a queued session, or reassign an assigned one, to any seat member. */
    assign: open && boss,
    takeOver: open && boss && !queued && !mine,
    unassign: open && boss && !queued,
    transfer: open && !queued && ((mine && viewer.mayTransfer) || boss),
    close: open && (mine || boss),
    pin: mine,
  };
}
export type SessionActions = ReturnType<typeof sessionActions>;

const assignee = alias(users, "assignee");

type UserColumns = { id: AnyPgColumn; name: AnyPgColumn; email: AnyPgColumn };

/** The display name of a user (the table or an alias of it): their name, else their email. */
export function nameOf(table: UserColumns) {
  return sql<string>`coalesce(${table.name}, ${table.email})`;
}

/** The display name of an outer-joined user, or null when there is none. */
export function nameOrNull(table: UserColumns) {
  return sql<string | null>`case when ${table.id} is null then null else ${nameOf(table)} end`;
}

/**
 * One session with the viewer's permissions, in one round trip. With `lock` (inside a transaction
 * holding the routing lock) the session row is locked until commit. Null when the session is not in
 * the workspace or the user is not a member.
 */
export async function loadSessionAccess(
  db: Database | Tx,
  { workspaceId, userId, sessionId, lock = false }: { workspaceId: string; userId: string; sessionId: string; lock?: boolean },
) {
  const query = db
    .select({
      id: sessions.id,
      projectId: sessions.projectId,
      status: sessions.status,
      assignedUserId: sessions.assignedUserId,
      assigneeName: nameOrNull(assignee),
      acceptedAt: sessions.acceptedAt,
      pinnedAt: sessions.pinnedAt,
      viewer: { role: memberships.role, mayViewAll: memberships.mayViewAll, mayTransfer: memberships.mayTransfer },
    })
    .from(sessions)
    .innerJoin(memberships, and(eq(memberships.workspaceId, sessions.workspaceId), eq(memberships.userId, userId)))
    .leftJoin(assignee, eq(assignee.id, sessions.assignedUserId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.workspaceId, workspaceId)))
    .limit(1)
    .$dynamic();
  const [row] = await (lock ? query.for("update", { of: sessions }) : query);
  if (!row) return null;
  const { viewer, ...session } = row;
  return { session, viewer: { userId, ...viewer } satisfies InboxViewer };
}
export type SessionAccess = NonNullable<Awaited<ReturnType<typeof loadSessionAccess>>>;

/** The session if the viewer may open it; otherwise the same "not found" a session of another workspace gets. */
export async function openableSession(
  db: Database | Tx,
  input: { workspaceId: string; userId: string; sessionId: string; lock?: boolean },
): Promise<SessionAccess> {
  const access = await loadSessionAccess(db, input);
  if (!access) throw conversationNotFound();
  if (!mayOpen(access.viewer, access.session)) throw conversationHidden();
  return access;
}

/** Refuses a reply the viewer may not send: to a queued session, someone else's, or a closed one (supervisors excepted for the first two). */
export async function assertMayReply(
  db: Database | Tx,
  input: { workspaceId: string; userId: string; sessionId: string },
): Promise<void> {
  const { viewer, session } = await openableSession(db, input);
  const refusal = replyRefusal(viewer, session);
  if (refusal) throw new DomainError("conflict", refusal);
}

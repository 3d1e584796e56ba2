import { and, asc, desc, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { contacts, memberships, projects, sessions, users } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { Role } from "@/server/workspaces/roles";
import { customerName } from "@/lib/customer-name";
import { queuePosition } from "./queue-position";
import { decodeSessionCursor, encodeSessionCursor } from "./session-cursor";
import { rolesThatMay } from "@/lib/access/permission";
import { nameOrNull, supervises } from "./session-access";

export type SessionListItem = Awaited<ReturnType<typeof listSessions>>["sessions"][number];

/**
 * The inbox's tabs: Mine (open, assigned to me), Queue (open, waiting for an agent, in queue order)
 * and All (every session, closed ones too; for supervisors and up and agents who may view all).
 */
export const INBOX_VIEWS = ["mine", "queue", "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

const assignee = alias(users, "assignee");
const transferredFrom = alias(users, "transferred_from");

const micros = (column: SQL | typeof sessions.lastMessageAt) =>
  sql<string>`(extract(epoch from ${column}) * 1000000)::bigint::text`;
const cursorTime = (value: string) => sql`(timestamptz 'epoch' + ${value}::bigint * interval '1 microsecond')`;
/** Queue order; a waiting session always has queued_at, opened_at only guards a row written without it. */
const queuedOrder = sql`coalesce(${sessions.queuedAt}, ${sessions.openedAt})`;

export function viewAllRefused(): DomainError {
  return new DomainError(
    "forbidden",
    "You can see your own conversations and the queue. An owner or admin can give you “may view all sessions” on the Agents page.",
  );
}

/** Whether this member sees every session (SQL, so the list stays one round trip for agents too). */
function seesEverySql(workspaceId: string, userId: string) {
  return sql`exists (select 1 from ${memberships} where ${memberships.workspaceId} = ${workspaceId} and ${memberships.userId} = ${userId}
    and (${memberships.role} in (${sql.join(
      rolesThatMay("inbox.view_all").map((r) => sql`${r}`),
      sql`, `,
    )}) or ${memberships.mayViewAll}))`;
}

async function mayViewAll(db: Database, workspaceId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ mayViewAll: memberships.mayViewAll })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  return row?.mayViewAll ?? false;
}

/**
 * One tab of the inbox, a page at a time: Mine and All by most recent activity, the Queue in queue
 * order. Without a view: every session the viewer may see.
 */
export async function listSessions(
  db: Database,
  workspaceId: string,
  viewer: { userId: string; role: Role },
  { view, cursor, limit }: { view?: InboxView; cursor?: string | null; limit: number },
) {
  const after = cursor ? decodeSessionCursor(cursor) : null;
  if (cursor && !after) throw new DomainError("invalid", "This list position is no longer valid. Reload the inbox.");
  if (view === "all" && !supervises(viewer.role) && !(await mayViewAll(db, workspaceId, viewer.userId))) {
    throw viewAllRefused();
  }

  const open = eq(sessions.status, "open");
  const waiting = and(open, isNull(sessions.assignedUserId));
  const mine = eq(sessions.assignedUserId, viewer.userId);
  const inView =
    view === "mine"
      ? and(open, mine)
      : view === "queue"
        ? waiting
        : view === "all" || supervises(viewer.role)
          ? undefined
          : or(mine, waiting, seesEverySql(workspaceId, viewer.userId));

  const byQueue = view === "queue";
  const sortTime = byQueue ? queuedOrder : sessions.lastMessageAt;
  const afterCursor = after
    ? byQueue
      ? sql`(${queuedOrder}, ${sessions.id}) > (${cursorTime(after.micros)}, ${after.id}::uuid)`
      : sql`(${sessions.lastMessageAt}, ${sessions.id}) < (${cursorTime(after.micros)}, ${after.id}::uuid)`
    : undefined;

  const rows = await db
    .select({
      session: {
        id: sessions.id,
        status: sessions.status,
        openedAt: sessions.openedAt,
        lastMessageAt: sessions.lastMessageAt,
        lastMessagePreview: sessions.lastMessagePreview,
        lastMessageAuthor: sessions.lastMessageAuthor,
        awaitingReplySince: sessions.awaitingReplySince,
        assignedUserId: sessions.assignedUserId,
        acceptedAt: sessions.acceptedAt,
        queuePosition,
        escalatedAt: sessions.escalatedAt,
        pinnedAt: sessions.pinnedAt,
        transferredAt: sessions.transferredAt,
      },
      assigneeName: nameOrNull(assignee),
      transferredFromName: nameOrNull(transferredFrom),
      // The note of a transfer to the viewer they have not opened yet (their highlighted notification).
      transferNote: sql<string | null>`case when ${sessions.transferredAt} is not null and ${sessions.acceptedAt} is null
        and ${sessions.assignedUserId} = ${viewer.userId} then (
          select reason from session_log l where l.session_id = ${sessions.id} and l.kind = 'transferred' order by l.id desc limit 1
        ) end`,
      sortMicros: micros(sortTime),
      contact: { firstName: contacts.firstName, lastName: contacts.lastName, username: contacts.username },
      project: { id: projects.id, name: projects.name },
    })
    .from(sessions)
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .innerJoin(projects, eq(projects.id, sessions.projectId))
    .leftJoin(assignee, eq(assignee.id, sessions.assignedUserId))
    .leftJoin(transferredFrom, eq(transferredFrom.id, sessions.transferredFromUserId))
    .where(and(eq(sessions.workspaceId, workspaceId), inView, afterCursor))
    .orderBy(...(byQueue ? [asc(queuedOrder), asc(sessions.id)] : [desc(sessions.lastMessageAt), desc(sessions.id)]))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    sessions: page.map(({ session, contact, project, assigneeName, transferredFromName, transferNote }) => {
      const { assignedUserId, transferredAt, ...rest } = session;
      const transferredToMe = transferredAt !== null && session.acceptedAt === null && assignedUserId === viewer.userId;
      return {
        ...rest,
        project,
        customer: customerName(contact),
        assignee: assignedUserId ? { id: assignedUserId, name: assigneeName ?? "A former teammate" } : null,
        mine: assignedUserId === viewer.userId,
        /** A transfer to the viewer they have not opened yet: who sent it, with the note. */
        transfer: transferredToMe ? { fromName: transferredFromName, note: transferNote ?? "" } : null,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeSessionCursor({ micros: last.sortMicros, id: last.session.id }) : null,
  };
}

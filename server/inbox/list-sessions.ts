import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, projects, sessions } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { customerName } from "./customer-name";
import { decodeSessionCursor, encodeSessionCursor } from "./session-cursor";

export type SessionListItem = Awaited<ReturnType<typeof listSessions>>["sessions"][number];

const activityMicros = sql<string>`(extract(epoch from ${sessions.lastMessageAt}) * 1000000)::bigint::text`;

/** The workspace's sessions, most recent activity first, a page at a time. */
export async function listSessions(
  db: Database,
  workspaceId: string,
  { cursor, limit }: { cursor?: string | null; limit: number },
) {
  const after = cursor ? decodeSessionCursor(cursor) : null;
  if (cursor && !after) throw new DomainError("invalid", "This list position is no longer valid. Reload the inbox.");
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
      },
      activityMicros,
      contact: { firstName: contacts.firstName, lastName: contacts.lastName, username: contacts.username },
      project: { id: projects.id, name: projects.name },
    })
    .from(sessions)
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .innerJoin(projects, eq(projects.id, sessions.projectId))
    .where(
      and(
        eq(sessions.workspaceId, workspaceId),
        after
          ? sql`(${sessions.lastMessageAt}, ${sessions.id}) < (timestamptz 'epoch' + ${after.micros}::bigint * interval '1 microsecond', ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(sessions.lastMessageAt), desc(sessions.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    sessions: page.map(({ session, contact, project }) => ({ ...session, project, customer: customerName(contact) })),
    nextCursor: rows.length > limit && last ? encodeSessionCursor({ micros: last.activityMicros, id: last.session.id }) : null,
  };
}

import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { contacts, projects, sessionLog, sessions } from "@/db/schema";
import { withCustomerName } from "@/lib/customer-name";
import type { SessionLogFilters } from "./audit-filters";
import { afterCursor, inTimeRange, pageOf, type LogPage } from "./log-page";

/** A person's name as the audit shows it (their email when they have no name); null for nobody. */
function personName(column: AnyPgColumn) {
  return sql<string | null>`(select coalesce(u.name, u.email) from users u where u.id = ${column})`;
}

function sessionLogWhere(workspaceId: string, filters: SessionLogFilters): SQL {
  return and(
    eq(sessionLog.workspaceId, workspaceId),
    filters.projectId ? eq(sessionLog.projectId, filters.projectId) : undefined,
    filters.sessionId ? eq(sessionLog.sessionId, filters.sessionId) : undefined,
    filters.kinds?.length ? inArray(sessionLog.kind, filters.kinds) : undefined,
    filters.agentId
      ? or(
          eq(sessionLog.actorUserId, filters.agentId),
          eq(sessionLog.fromUserId, filters.agentId),
          eq(sessionLog.toUserId, filters.agentId),
        )
      : undefined,
    inTimeRange(sessionLog.at, filters),
  )!;
}

/**
 * The session log of a workspace, newest first, filtered; a page of `limit` rows after `cursor` (the id
 * of the previous page's last row). Every row says what happened, to which session, who did it, from
 * whom to whom, and why. Always scoped to `workspaceId`: ids of another workspace match nothing.
 */
export async function listSessionLog(db: Database, workspaceId: string, filters: SessionLogFilters, page: LogPage) {
  const rows = await db
    .select({
      id: sessionLog.id,
      at: sessionLog.at,
      kind: sessionLog.kind,
      rule: sessionLog.rule,
      candidates: sessionLog.candidates,
      reason: sessionLog.reason,
      sessionId: sessionLog.sessionId,
      projectId: sessionLog.projectId,
      projectName: projects.name,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      username: contacts.username,
      actorUserId: sessionLog.actorUserId,
      actorName: personName(sessionLog.actorUserId),
      fromUserId: sessionLog.fromUserId,
      fromName: personName(sessionLog.fromUserId),
      toUserId: sessionLog.toUserId,
      toName: personName(sessionLog.toUserId),
    })
    .from(sessionLog)
    .innerJoin(projects, eq(projects.id, sessionLog.projectId))
    .innerJoin(sessions, eq(sessions.id, sessionLog.sessionId))
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .where(and(sessionLogWhere(workspaceId, filters), afterCursor(sessionLog, workspaceId, page.cursor)))
    .orderBy(desc(sessionLog.at), desc(sessionLog.id))
    .limit(page.limit + 1);
  return pageOf(rows.map(withCustomerName), page.limit);
}

export type SessionLogEntry = Awaited<ReturnType<typeof listSessionLog>>["items"][number];

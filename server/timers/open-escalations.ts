import { and, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, projects, sessionLog, sessions, users } from "@/db/schema";
import { withCustomerName } from "@/lib/customer-name";

/**
 * Escalated sessions still waiting for their first answer (escalated in the last day, newest first):
 * what the console's escalation notices show. Answered or closed ones drop out by themselves.
 */
export async function listOpenEscalations(db: Database, workspaceId: string) {
  const rows = await db
    .select({
      sessionId: sessions.id,
      escalatedAt: sessions.escalatedAt,
      openedAt: sessions.openedAt,
      projectName: projects.name,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      username: contacts.username,
      agentName: sql<string | null>`coalesce(${users.name}, ${users.email})`,
    })
    // From the log's escalation rows (indexed by workspace and time), not by scanning the workspace's sessions.
    .from(sessionLog)
    .innerJoin(sessions, eq(sessions.id, sessionLog.sessionId))
    .innerJoin(projects, eq(projects.id, sessions.projectId))
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .leftJoin(users, eq(users.id, sessions.assignedUserId))
    .where(
      and(
        eq(sessionLog.workspaceId, workspaceId),
        eq(sessionLog.kind, "escalated"),
        gt(sessionLog.at, sql`now() - interval '1 day'`),
        eq(sessions.status, "open"),
        isNotNull(sessions.escalatedAt),
        isNull(sessions.firstResponseAt),
      ),
    )
    .orderBy(desc(sessions.escalatedAt))
    .limit(20);
  return rows.map((row) => ({ ...withCustomerName(row), escalatedAt: row.escalatedAt! }));
}

export type OpenEscalation = Awaited<ReturnType<typeof listOpenEscalations>>[number];

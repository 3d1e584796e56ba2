import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, projects, riskTriggers, sessions, users } from "@/db/schema";
import { withCustomerName } from "@/lib/customer-name";
import { inTimeRange, pageOf, type LogPage } from "@/server/audit/log-page";
import type { RiskTriggerFilters } from "./trigger-filters";

const likeEscaped = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function triggersWhere(workspaceId: string, filters: RiskTriggerFilters): SQL {
  return and(
    eq(riskTriggers.workspaceId, workspaceId),
    filters.agentId ? eq(riskTriggers.agentUserId, filters.agentId) : undefined,
    filters.projectId ? eq(riskTriggers.projectId, filters.projectId) : undefined,
    filters.group ? eq(riskTriggers.groupName, filters.group) : undefined,
    filters.outcome ? eq(riskTriggers.outcome, filters.outcome) : undefined,
    filters.word
      ? or(ilike(riskTriggers.matched, likeEscaped(filters.word)), ilike(riskTriggers.matchedText, likeEscaped(filters.word)))
      : undefined,
    inTimeRange(riskTriggers.at, filters),
  )!;
}

/**
 * The trigger records of a workspace, newest first, filtered; a page of `limit` after `cursor` (the
 * id of the previous page's last record). Always scoped to `workspaceId`.
 */
export async function listRiskTriggers(db: Database, workspaceId: string, filters: RiskTriggerFilters, page: LogPage) {
  const rows = await db
    .select({
      id: riskTriggers.id,
      at: riskTriggers.at,
      agentUserId: riskTriggers.agentUserId,
      agentName: sql<string | null>`coalesce(${users.name}, ${users.email})`,
      projectId: riskTriggers.projectId,
      projectName: projects.name,
      sessionId: riskTriggers.sessionId,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      username: contacts.username,
      groupName: riskTriggers.groupName,
      matchKind: riskTriggers.matchKind,
      matched: riskTriggers.matched,
      matchedText: riskTriggers.matchedText,
      excerpt: riskTriggers.excerpt,
      action: riskTriggers.action,
      outcome: riskTriggers.outcome,
      messageId: riskTriggers.messageId,
      decidedAt: riskTriggers.decidedAt,
    })
    .from(riskTriggers)
    .innerJoin(projects, eq(projects.id, riskTriggers.projectId))
    .innerJoin(sessions, eq(sessions.id, riskTriggers.sessionId))
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .leftJoin(users, eq(users.id, riskTriggers.agentUserId))
    .where(and(triggersWhere(workspaceId, filters), page.cursor ? sql`${riskTriggers.id} < ${page.cursor}` : undefined))
    .orderBy(desc(riskTriggers.id))
    .limit(page.limit + 1);
  return pageOf(rows.map(withCustomerName), page.limit);
}

/** Who and what the filters can choose from: agents, projects and group names that have records. */
export async function riskTriggerFilterOptions(db: Database, workspaceId: string) {
  const [agents, projectRows, groups] = await Promise.all([
    db
      .selectDistinct({ id: users.id, name: sql<string>`coalesce(${users.name}, ${users.email})` })
      .from(riskTriggers)
      .innerJoin(users, eq(users.id, riskTriggers.agentUserId))
      .where(eq(riskTriggers.workspaceId, workspaceId)),
    db
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(eq(projects.workspaceId, workspaceId))
      .orderBy(projects.name),
    db.selectDistinct({ name: riskTriggers.groupName }).from(riskTriggers).where(eq(riskTriggers.workspaceId, workspaceId)),
  ]);
  return {
    agents: agents.sort((a, b) => a.name.localeCompare(b.name)),
    projects: projectRows,
    groups: groups.map((g) => g.name).sort((a, b) => a.localeCompare(b)),
  };
}

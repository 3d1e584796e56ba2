import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, projectAgents, projects, sessions, skillGroupMembers, skillGroups, users } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { rolesThatMay } from "@/lib/access/permission";
import { PROJECT_NOT_FOUND } from "@/server/projects/project-input";

const settingsColumns = {
  routingRule: projects.routingRule,
  agentScope: projects.agentScope,
  routingStrategy: projects.routingStrategy,
  stickyCustomers: projects.stickyCustomers,
  queueMessage: projects.queueMessage,
  queueNextMessage: projects.queueNextMessage,
  graceMinutes: projects.graceMinutes,
  acceptMinutes: projects.acceptMinutes,
  firstResponseMinutes: projects.firstResponseMinutes,
};

/** Each live project with its rule in brief and how many sessions wait in its queue: the Routing page's list. */
export async function listRoutingOverview(db: Database, workspaceId: string) {
  const waiting = db
    .select({ projectId: sessions.projectId, waiting: count().as("waiting") })
    .from(sessions)
    .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.status, "open"), isNull(sessions.assignedUserId)))
    .groupBy(sessions.projectId)
    .as("waiting");
  return db
    .select({
      id: projects.id,
      name: projects.name,
      status: projects.status,
      routingRule: projects.routingRule,
      agentScope: projects.agentScope,
      routingStrategy: projects.routingStrategy,
      stickyCustomers: projects.stickyCustomers,
      agents: sql<number>`(select count(*) from project_agents pa where pa.project_id = ${projects.id})::int`,
      waiting: sql<number>`coalesce(${waiting.waiting}, 0)::int`,
    })
    .from(projects)
    .leftJoin(waiting, eq(waiting.projectId, projects.id))
    .where(and(eq(projects.workspaceId, workspaceId), isNull(projects.archivedAt)))
    .orderBy(asc(projects.createdAt), asc(projects.id));
}

/**
 * One project's routing settings with what the form needs beside them: the seat members who can be
 * picked for a specific scope (and who is picked), and the workspace's skill groups.
 */
export async function getRoutingSettings(db: Database, workspaceId: string, projectId: string) {
  const [[project], members, picked, groups] = await Promise.all([
    db
      .select({ id: projects.id, name: projects.name, archivedAt: projects.archivedAt, ...settingsColumns })
      .from(projects)
      .where(and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId))),
    db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, status: memberships.status })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, rolesThatMay("inbox.work"))))
      .orderBy(asc(sql`lower(coalesce(${users.name}, ${users.email}))`), asc(users.id)),
    db
      .select({ userId: projectAgents.userId })
      .from(projectAgents)
      .where(and(eq(projectAgents.workspaceId, workspaceId), eq(projectAgents.projectId, projectId))),
    db
      .select({ id: skillGroups.id, name: skillGroups.name, members: count(skillGroupMembers.userId) })
      .from(skillGroups)
      .leftJoin(skillGroupMembers, eq(skillGroupMembers.skillGroupId, skillGroups.id))
      .where(eq(skillGroups.workspaceId, workspaceId))
      .groupBy(skillGroups.id)
      .orderBy(asc(sql`lower(${skillGroups.name})`)),
  ]);
  if (!project) throw new DomainError("not_found", PROJECT_NOT_FOUND);
  const { id, name, archivedAt, ...settings } = project;
  const seatIds = new Set(members.map((m) => m.userId));
  return {
    project: { id, name, archived: archivedAt !== null },
    // Someone picked who has since left the seats is not routed to, so not shown as picked either.
    settings: { ...settings, agentIds: picked.map((p) => p.userId).filter((userId) => seatIds.has(userId)) },
    members,
    skillGroups: groups,
  };
}

export type RoutingSettings = Awaited<ReturnType<typeof getRoutingSettings>>;

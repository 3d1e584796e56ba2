import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, projects, sessions, users } from "@/db/schema";
import type { Role } from "@/server/workspaces/roles";
import type { AgentStatus, StatusCause } from "./change-status";
import { rolesThatMay } from "@/lib/access/permission";

export type BoardAgent = {
  userId: string;
  name: string;
  role: Role;
  status: AgentStatus;
  awayReason: string | null;
  statusCause: StatusCause;
  statusChangedAt: Date;
  capacity: number;
  /** Open sessions assigned to the agent: their personal queue. */
  openSessions: number;
  /** Of those, the ones they pinned. */
  pinnedSessions: number;
};

export type ProjectQueue = { projectId: string; name: string; waiting: number; oldestWaitingSince: Date | null };

/** Monitoring's agent status widget (seed 004) and the waiting queue of each project, read at once. */
export async function loadAgentBoard(
  db: Database,
  workspaceId: string,
): Promise<{ agents: BoardAgent[]; queues: ProjectQueue[] }> {
  const openOfAgent = and(
    eq(sessions.workspaceId, workspaceId),
    eq(sessions.assignedUserId, memberships.userId),
    eq(sessions.status, "open"),
  );
  const [agents, queues] = await Promise.all([
    db
      .select({
        userId: memberships.userId,
        name: sql<string>`coalesce(nullif(${users.name}, ''), ${users.email})`,
        role: memberships.role,
        status: memberships.status,
        awayReason: memberships.awayReason,
        statusCause: memberships.statusCause,
        statusChangedAt: memberships.statusChangedAt,
        capacity: memberships.capacity,
        openSessions: sql<number>`count(${sessions.id})::int`,
        pinnedSessions: sql<number>`(count(${sessions.id}) filter (where ${sessions.pinnedAt} is not null))::int`,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(sessions, openOfAgent)
      .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, rolesThatMay("status.own"))))
      .groupBy(memberships.id, users.id)
      .orderBy(asc(sql`lower(coalesce(nullif(${users.name}, ''), ${users.email}))`)),
    db
      .select({
        projectId: projects.id,
        name: projects.name,
        waiting: sql<number>`count(${sessions.id})::int`,
        oldestWaitingSince: sql<Date | null>`min(${sessions.queuedAt})`.mapWith(sessions.queuedAt),
      })
      .from(projects)
      .leftJoin(sessions, and(eq(sessions.projectId, projects.id), eq(sessions.status, "open"), isNull(sessions.assignedUserId)))
      .where(and(eq(projects.workspaceId, workspaceId), isNull(projects.archivedAt)))
      .groupBy(projects.id)
      .orderBy(asc(projects.name)),
  ]);
  return { agents, queues };
}

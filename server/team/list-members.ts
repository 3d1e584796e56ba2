import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, sessions, users } from "@/db/schema";

const ROLE_ORDER = sql`array_position(array['owner','admin','supervisor','agent','marketer']::member_role[], ${memberships.role})`;

/** Everyone in the workspace with role, agent status, load, capacity and permissions (the Agents page). */
export async function listMembers(db: Database, workspaceId: string) {
  return db
    .select({
      userId: memberships.userId,
      name: users.name,
      email: users.email,
      role: memberships.role,
      status: memberships.status,
      awayReason: memberships.awayReason,
      statusChangedAt: memberships.statusChangedAt,
      capacity: memberships.capacity,
      mayTransfer: memberships.mayTransfer,
      mayViewAll: memberships.mayViewAll,
      openSessions: sql<number>`(select count(*) from ${sessions} where ${and(
        eq(sessions.workspaceId, workspaceId),
        eq(sessions.assignedUserId, memberships.userId),
        eq(sessions.status, "open"),
      )})`.mapWith(Number),
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(ROLE_ORDER, asc(users.name), asc(memberships.createdAt));
}

/** A light list for other pages' pickers (links, risk, routing): id is the user id. */
export async function listMemberNames(db: Database, workspaceId: string) {
  const rows = await db
    .select({ id: memberships.userId, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(ROLE_ORDER, asc(users.name));
  return rows.map(({ id, name, email, role }) => ({ id, name: name ?? email, role }));
}

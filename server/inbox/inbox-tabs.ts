import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships } from "@/db/schema";
import type { Role } from "@/server/workspaces/roles";
import { seesEverySession, supervises } from "./session-access";

/**
 * The inbox's tabs for this viewer, with their counts (one round trip): Mine, Queue, and All only
 * for those who see every session (All is then null). Also what the viewer may do in general.
 */
export async function inboxTabs(db: Database, workspaceId: string, viewer: { userId: string; role: Role }) {
  const [row] = await db
    .select({
      mayViewAll: memberships.mayViewAll,
      mayTransfer: memberships.mayTransfer,
      capacity: memberships.capacity,
      mine: sql<number>`(select count(*)::int from sessions s where s.workspace_id = ${workspaceId} and s.status = 'open' and s.assigned_user_id = ${viewer.userId})`,
      queue: sql<number>`(select count(*)::int from sessions s where s.workspace_id = ${workspaceId} and s.status = 'open' and s.assigned_user_id is null)`,
      all: sql<number>`(select count(*)::int from sessions s where s.workspace_id = ${workspaceId})`,
    })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, viewer.userId)))
    .limit(1);
  const permissions = { ...viewer, mayViewAll: row?.mayViewAll ?? false, mayTransfer: row?.mayTransfer ?? false };
  const seesAll = seesEverySession(permissions);
  return {
    viewer: {
      userId: viewer.userId,
      seesEverySession: seesAll,
      supervises: supervises(viewer.role),
      mayTransfer: permissions.mayTransfer,
      capacity: row?.capacity ?? 0,
    },
    counts: { mine: row?.mine ?? 0, queue: row?.queue ?? 0, all: seesAll ? (row?.all ?? 0) : null },
  };
}

import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessions } from "@/db/schema";
import { wakeRouting } from "@/server/routing/wake";

/** Longer than routing right after a webhook ever takes: a session waiting this long may have been missed. */
export const MISSED_WAIT_SECONDS = 15;
/** Projects woken per tick at most, so a tick stays short; the next tick takes the rest. */
const MAX_PROJECTS = 100;

/**
 * The safety net behind "routing runs right after commit": a process that died between a webhook's
 * commit and its routing call leaves a session waiting with nobody looking. Each tick wakes routing
 * for every project with a session waiting longer than that (routing itself decides whether someone
 * can take it). Returns how many projects were woken.
 */
export async function wakeWaitingQueues(db: Database, onlyWorkspaces?: string[]): Promise<number> {
  const waiting = await db
    .selectDistinct({ workspaceId: sessions.workspaceId, projectId: sessions.projectId })
    .from(sessions)
    .where(
      and(
        eq(sessions.status, "open"),
        isNull(sessions.assignedUserId),
        lt(sessions.queuedAt, sql`now() - make_interval(secs => ${MISSED_WAIT_SECONDS}::int)`),
        onlyWorkspaces ? inArray(sessions.workspaceId, onlyWorkspaces) : undefined,
      ),
    )
    .limit(MAX_PROJECTS);
  for (const { workspaceId, projectId } of waiting) await wakeRouting(db, workspaceId, projectId);
  return waiting.length;
}

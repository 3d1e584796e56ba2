import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { projects, sessions } from "@/db/schema";
import { changeStatus } from "@/server/presence/change-status";
import { openSessionsOf, returnEachToQueue } from "@/server/routing/assignment";
import type { DueTimer } from "./claim-due-timers";
import { minutesPhrase } from "./minutes";
import { runTimerChange } from "./timer-change";

/**
 * An assigned session was not opened in time. When it is still that agent's and still unopened, the
 * agent is Kicked out and every session of theirs not yet opened goes back to the queue (seed 004:
 * a kicked-out agent's threads return to the general queue; the ones they opened stay with them).
 */
export async function onAcceptTimer(db: Database, timer: DueTimer): Promise<boolean> {
  const { workspaceId, sessionId, userId } = timer;
  if (!sessionId || !userId) return false;
  return runTimerChange(db, workspaceId, async (tx) => {
    const unopened = await tx
      .select({
        id: sessions.id,
        acceptMinutes: projects.acceptMinutes,
        // The deadline belongs to this assignment only if it was made at least 30 s before it (accept time is ≥ 1 minute):
        // an assignment made after the timer was claimed has its own timer.
        timerApplies: sql<boolean>`${sessions.assignedAt} <= ${timer.dueAt.toISOString()}::timestamptz - interval '30 seconds'`,
      })
      .from(sessions)
      .innerJoin(projects, eq(projects.id, sessions.projectId))
      .where(and(openSessionsOf(workspaceId, userId), isNull(sessions.acceptedAt)))
      .orderBy(asc(sessions.assignedAt), asc(sessions.id));
    if (!unopened.some((s) => s.id === sessionId && s.timerApplies)) return null;

    const kicked = await changeStatus(tx, { workspaceId, userId, to: "kicked_out", cause: "system" });
    const returned = await returnEachToQueue(
      tx,
      workspaceId,
      unopened.map((session) => ({
        sessionId: session.id,
        actorUserId: null,
        reason: `Not opened within ${minutesPhrase(session.acceptMinutes)}`,
      })),
    );
    return [...kicked.events, ...returned];
  });
}

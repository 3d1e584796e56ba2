import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, sessions } from "@/db/schema";
import { openSessionsOf, returnEachToQueue } from "@/server/routing/assignment";
import type { DueTimer } from "./claim-due-timers";
import { runTimerChange } from "./timer-change";

/** Statuses in which an agent's open sessions wait for them only as long as the grace period. */
const GONE = ["away", "offline", "kicked_out"] as const;

export const GRACE_REASON = "Agent away past the grace period";

/**
 * The grace period of an agent who went Away/Offline has passed: their open session (or, for a timer
 * about the agent alone, every open session of theirs) goes back to the queue, when it is still
 * theirs and they are still gone (an agent who came back had the timer cancelled; one who left
 * again got a new deadline, which moved this one).
 */
export async function onGraceTimer(db: Database, timer: DueTimer): Promise<boolean> {
  const { workspaceId, sessionId, userId } = timer;
  if (!userId) return false;
  return runTimerChange(db, workspaceId, async (tx) => {
    const stranded = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .innerJoin(
        memberships,
        and(eq(memberships.workspaceId, sessions.workspaceId), eq(memberships.userId, sessions.assignedUserId)),
      )
      .where(
        and(
          openSessionsOf(workspaceId, userId),
          sessionId ? eq(sessions.id, sessionId) : undefined,
          inArray(memberships.status, [...GONE]),
        ),
      )
      .orderBy(asc(sessions.assignedAt), asc(sessions.id));
    if (!stranded.length) return null;
    return returnEachToQueue(
      tx,
      workspaceId,
      stranded.map((session) => ({ sessionId: session.id, actorUserId: null, reason: GRACE_REASON })),
    );
  });
}

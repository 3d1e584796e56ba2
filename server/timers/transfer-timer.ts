import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, sessions } from "@/db/schema";
import { assignSession, returnToQueue } from "@/server/routing/assignment";
import type { DueTimer } from "./claim-due-timers";
import { runTimerChange } from "./timer-change";

export const TRANSFER_REASON = "Transfer not answered in 2 minutes";

/**
 * A transferred session got no agent message since the transfer: it goes back to the agent it came
 * from when they can take it (Available, under capacity), otherwise to the queue. Either way the
 * agent it was transferred to has one session less, so routing looks again.
 */
export async function onTransferTimer(db: Database, timer: DueTimer): Promise<boolean> {
  const { workspaceId, sessionId } = timer;
  if (!sessionId) return false;
  return runTimerChange(db, workspaceId, async (tx) => {
    const [session] = await tx
      .select({
        assignedUserId: sessions.assignedUserId,
        fromUserId: sessions.transferredFromUserId,
        answered: sql<boolean>`exists (
          select 1 from messages m
          where m.session_id = ${sessions.id} and m.author = 'agent' and m.created_at >= ${sessions.transferredAt}
        )`,
        // The transfer this deadline was set for happened 2 minutes before it; one made in the last minute has its own timer.
        timerApplies: sql<boolean>`${sessions.transferredAt} < ${timer.dueAt.toISOString()}::timestamptz - interval '1 minute'`,
        fromEligible: sql<boolean>`coalesce(${memberships.status} = 'available' and (
          select count(*) from sessions o
          where o.workspace_id = ${sessions.workspaceId} and o.assigned_user_id = ${sessions.transferredFromUserId}
            and o.status = 'open'
        ) < ${memberships.capacity}, false)`,
      })
      .from(sessions)
      .leftJoin(
        memberships,
        and(eq(memberships.workspaceId, sessions.workspaceId), eq(memberships.userId, sessions.transferredFromUserId)),
      )
      .where(
        and(
          eq(sessions.id, sessionId),
          eq(sessions.workspaceId, workspaceId),
          eq(sessions.status, "open"),
          isNotNull(sessions.assignedUserId),
          isNotNull(sessions.transferredAt),
        ),
      );
    if (!session || session.answered || !session.timerApplies) return null;
    const backToOrigin = session.fromUserId !== null && session.fromUserId !== session.assignedUserId && session.fromEligible;
    if (backToOrigin) {
      return assignSession(tx, {
        workspaceId,
        sessionId,
        toUserId: session.fromUserId!,
        change: { kind: "reassigned", actorUserId: null, reason: TRANSFER_REASON },
      });
    }
    const reason = session.fromUserId ? `${TRANSFER_REASON}; the agent it came from cannot take it now` : TRANSFER_REASON;
    return returnToQueue(tx, { workspaceId, sessionId, actorUserId: null, reason });
  });
}

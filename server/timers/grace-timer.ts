import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, sessions } from "@/db/schema";
import { publishCommitted } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { returnToQueue } from "@/server/routing/assignment";
import { lockWorkspaceRouting } from "@/server/routing/lock";
import { wakeRouting } from "@/server/routing/wake";
import type { DueTimer } from "./claim-due-timers";

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
  const events = await db.transaction(async (tx): Promise<BusEvent[] | null> => {
    await lockWorkspaceRouting(tx, workspaceId);
    const stranded = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .innerJoin(
        memberships,
        and(eq(memberships.workspaceId, sessions.workspaceId), eq(memberships.userId, sessions.assignedUserId)),
      )
      .where(
        and(
          eq(sessions.workspaceId, workspaceId),
          eq(sessions.assignedUserId, userId),
          eq(sessions.status, "open"),
          sessionId ? eq(sessions.id, sessionId) : undefined,
          inArray(memberships.status, [...GONE]),
        ),
      )
      .orderBy(asc(sessions.assignedAt), asc(sessions.id));
    if (!stranded.length) return null;
    const out: BusEvent[] = [];
    for (const session of stranded) {
      out.push(...(await returnToQueue(tx, { workspaceId, sessionId: session.id, actorUserId: null, reason: GRACE_REASON })));
    }
    return out;
  });
  if (!events) return false;
  await publishCommitted(events);
  await wakeRouting(db, workspaceId);
  return true;
}

import { and, eq } from "drizzle-orm";
import { projectAgents, sessions, skillGroupMembers, timers } from "@/db/schema";
import type { BusEvent } from "@/server/events/types";
import { openSessionsOf, returnEachToQueue } from "@/server/routing/assignment";
import { cancelTimers } from "@/db/schedule-timer";
import type { Tx } from "@/db/transaction";

/**
 * Someone stops working sessions here (removed, or now a marketer), in the caller's transaction,
 * which holds `lockWorkspaceRouting`: each open session assigned to them goes back to the queue,
 * and their skill groups, project scopes and timers go. The caller wakes routing after commit.
 */
export async function releaseMemberWork(
  tx: Tx,
  input: { workspaceId: string; userId: string; actorUserId: string; reason: string },
): Promise<BusEvent[]> {
  const { workspaceId, userId } = input;
  const open = await tx.select({ id: sessions.id }).from(sessions).where(openSessionsOf(workspaceId, userId));
  const events = await returnEachToQueue(
    tx,
    workspaceId,
    open.map((session) => ({ sessionId: session.id, actorUserId: input.actorUserId, reason: input.reason })),
  );
  await tx
    .delete(skillGroupMembers)
    .where(and(eq(skillGroupMembers.workspaceId, workspaceId), eq(skillGroupMembers.userId, userId)));
  await tx.delete(projectAgents).where(and(eq(projectAgents.workspaceId, workspaceId), eq(projectAgents.userId, userId)));
  await cancelTimers(tx, workspaceId, [...timers.kind.enumValues], { userId });
  return events;
}

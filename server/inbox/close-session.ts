import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { cancelTimers } from "@/db/schedule-timer";
import { sessionLog, sessions, timers } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { BusEvent } from "@/server/events/types";
import { applyLoadStatus } from "@/server/presence/load-status";
import { supervises } from "./session-access";
import { changeSession } from "./session-change";

export const closeReasonSchema = z.string().trim().max(500, "A closing note can have at most 500 characters.");

/**
 * Closes a session (its agent or a supervisor): it leaves the queue and every list but All, its
 * timers stop, the agent's capacity frees up (a Finishing agent with nothing left goes Away) and
 * routing gives the room to the next waiting customer. The customer's next message opens a new session.
 */
export async function closeSession(
  db: Database,
  input: { workspaceId: string; userId: string; sessionId: string; reason: string },
) {
  await changeSession(db, input, async (tx, { session, viewer }) => {
    const agentId = session.assignedUserId;
    if (agentId !== input.userId && !supervises(viewer.role)) {
      throw new DomainError(
        "forbidden",
        agentId === null
          ? "Only a supervisor can close a conversation that waits in the queue. Take it first."
          : "Only the agent working this conversation or a supervisor can close it.",
      );
    }
    await tx
      .update(sessions)
      .set({ status: "closed", closedAt: sql`now()`, closedByUserId: input.userId, queuedAt: null, pinnedAt: null })
      .where(eq(sessions.id, session.id));
    await cancelTimers(tx, input.workspaceId, [...timers.kind.enumValues], { sessionId: session.id });
    await tx.insert(sessionLog).values({
      workspaceId: input.workspaceId,
      projectId: session.projectId,
      sessionId: session.id,
      kind: "closed",
      actorUserId: input.userId,
      fromUserId: agentId,
      reason: input.reason,
    });
    const events: BusEvent[] = [{ type: "session.updated", workspaceId: input.workspaceId, sessionId: session.id }];
    if (agentId === null) {
      events.push({ type: "queue.updated", workspaceId: input.workspaceId, projectId: session.projectId });
      return { events, wake: "project" };
    }
    events.push(
      { type: "agent.updated", workspaceId: input.workspaceId, userId: agentId },
      ...(await applyLoadStatus(tx, input.workspaceId, [agentId])),
    );
    return { events, wake: "workspace" };
  });
}

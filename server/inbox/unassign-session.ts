import type { Database } from "@/db/client";
import { DomainError } from "@/server/errors";
import { returnToQueue } from "@/server/routing/assignment";
import { changeSession } from "./session-change";

/** A supervisor puts an assigned session back in its project's queue; routing then gives it to the next eligible agent. */
export async function unassignSession(db: Database, input: { workspaceId: string; userId: string; sessionId: string }) {
  await changeSession(db, input, async (tx, { session }) => {
    if (session.assignedUserId === null) {
      throw new DomainError("conflict", "This conversation is already waiting in the queue.");
    }
    const events = await returnToQueue(tx, {
      workspaceId: input.workspaceId,
      sessionId: input.sessionId,
      actorUserId: input.userId,
      reason: "Returned to the queue by a supervisor",
    });
    // The session waits again and its former agent has room: any project's queue may move.
    return { events, wake: "workspace" };
  });
}

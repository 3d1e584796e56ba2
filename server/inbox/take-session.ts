import type { Database } from "@/db/client";
import { DomainError } from "@/server/errors";
import { changeSession } from "./session-change";
import { takeForSelf } from "./take-for-self";

/**
 * A member takes a waiting session from the queue for themselves, when they are under capacity.
 * Taking it is opening it: the session is accepted at once.
 */
export async function takeFromQueue(db: Database, input: { workspaceId: string; userId: string; sessionId: string }) {
  await changeSession(db, input, async (tx, { session }) => {
    if (session.assignedUserId && session.assignedUserId !== input.userId) {
      throw new DomainError("conflict", `${session.assigneeName ?? "A teammate"} already has this conversation.`);
    }
    const events = await takeForSelf(tx, input, session, { kind: "assigned", reason: "Taken from the queue" });
    // The customers behind it moved up: routing tells them their new position.
    return { events, wake: "project" };
  });
}

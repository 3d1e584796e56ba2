import type { Database } from "@/db/client";
import { DomainError } from "@/server/errors";
import { assignSession } from "@/server/routing/assignment";
import { acceptSession } from "./mark-opened";
import { memberWithRoom } from "./seat-members";
import { changeSession } from "./session-change";

/**
 * A member takes a waiting session from the queue for themselves, when they are under capacity.
 * Taking it is opening it: the session is accepted at once.
 */
export async function takeFromQueue(db: Database, input: { workspaceId: string; userId: string; sessionId: string }) {
  await changeSession(db, input, async (tx, { session }) => {
    if (session.assignedUserId === input.userId) throw new DomainError("conflict", "This conversation is already yours.");
    if (session.assignedUserId) {
      throw new DomainError("conflict", `${session.assigneeName ?? "A teammate"} already has this conversation.`);
    }
    await memberWithRoom(tx, input.workspaceId, input.userId, { self: true });
    const events = await assignSession(tx, {
      workspaceId: input.workspaceId,
      sessionId: input.sessionId,
      toUserId: input.userId,
      change: { kind: "assigned", actorUserId: input.userId, rule: "manual", reason: "Taken from the queue" },
    });
    await acceptSession(tx, input);
    // The customers behind it moved up: routing tells them their new position.
    return { events, wake: "project" };
  });
}

import type { Database } from "@/db/client";
import { DomainError } from "@/server/errors";
import { assignSession } from "@/server/routing/assignment";
import { memberWithRoom } from "./seat-members";
import { changeSession } from "./session-change";

/**
 * A supervisor gives a session to a seat member: a waiting one is assigned, an assigned one
 * reassigned. The member's capacity is respected.
 */
export async function assignToMember(
  db: Database,
  input: { workspaceId: string; userId: string; sessionId: string; toUserId: string },
) {
  await changeSession(db, input, async (tx, { session }) => {
    const queued = session.assignedUserId === null;
    if (session.assignedUserId === input.toUserId) {
      throw new DomainError("conflict", `This conversation is already assigned to ${session.assigneeName ?? "them"}.`);
    }
    await memberWithRoom(tx, input.workspaceId, input.toUserId, { self: input.toUserId === input.userId });
    const events = await assignSession(tx, {
      workspaceId: input.workspaceId,
      sessionId: input.sessionId,
      toUserId: input.toUserId,
      change: queued
        ? { kind: "assigned", actorUserId: input.userId, rule: "manual", reason: "Assigned from the queue by a supervisor" }
        : { kind: "reassigned", actorUserId: input.userId, rule: "manual", reason: "Reassigned by a supervisor" },
    });
    // From the queue, the customers behind it moved up; otherwise the former agent has room again.
    return { events, wake: queued ? "project" : "workspace" };
  });
}

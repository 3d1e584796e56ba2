import type { Database } from "@/db/client";
import { DomainError } from "@/server/errors";
import { assignSession } from "@/server/routing/assignment";
import { acceptSession } from "./mark-opened";
import { memberWithRoom } from "./seat-members";
import { changeSession, waitingInQueue } from "./session-change";

/** A supervisor takes over an agent's session themself (within their own capacity) and has it open at once. */
export async function takeOver(db: Database, input: { workspaceId: string; userId: string; sessionId: string }) {
  await changeSession(db, input, async (tx, { session }) => {
    if (session.assignedUserId === null) throw waitingInQueue("take it instead");
    if (session.assignedUserId === input.userId) throw new DomainError("conflict", "This conversation is already yours.");
    await memberWithRoom(tx, input.workspaceId, input.userId, { self: true });
    const events = await assignSession(tx, {
      workspaceId: input.workspaceId,
      sessionId: input.sessionId,
      toUserId: input.userId,
      change: { kind: "taken_over", actorUserId: input.userId, rule: "manual", reason: "Taken over by a supervisor" },
    });
    await acceptSession(tx, input);
    return { events, wake: "workspace" };
  });
}

import { z } from "zod";
import type { Database } from "@/db/client";
import { DomainError } from "@/server/errors";
import { assignSession } from "@/server/routing/assignment";
import { memberWithRoom } from "./seat-members";
import { supervises } from "./session-access";
import { changeSession, waitingInQueue } from "./session-change";

export const TRANSFER_NOTE_MAX = 500;

export const transferNoteSchema = z
  .string()
  .trim()
  .max(TRANSFER_NOTE_MAX, `A transfer note can have at most ${TRANSFER_NOTE_MAX} characters.`);

/**
 * Hands a session to another seat member with an optional note for them: the assigned agent (with
 * "may transfer sessions") or a supervisor. The target is highlighted the session; the original
 * agent loses it (and sees it only if they may view all sessions).
 */
export async function transferSession(
  db: Database,
  input: { workspaceId: string; userId: string; sessionId: string; toUserId: string; note: string },
) {
  await changeSession(db, input, async (tx, { session, viewer }) => {
    if (session.assignedUserId === null) throw waitingInQueue("take or assign it instead");
    const mine = session.assignedUserId === input.userId;
    if (!mine && !supervises(viewer.role)) {
      throw new DomainError("forbidden", "Only the agent working this conversation or a supervisor can transfer it.");
    }
    if (mine && !viewer.mayTransfer && !supervises(viewer.role)) {
      throw new DomainError(
        "forbidden",
        "You may not transfer conversations. An owner or admin can allow it on the Agents page.",
      );
    }
    if (input.toUserId === session.assignedUserId) {
      throw new DomainError("conflict", `This conversation is already with ${session.assigneeName ?? "them"}.`, {
        field: "toUserId",
      });
    }
    if (input.toUserId === input.userId) {
      throw new DomainError("invalid", "To work this conversation yourself, use Take over.", { field: "toUserId" });
    }
    await memberWithRoom(tx, input.workspaceId, input.toUserId, { self: false });
    const events = await assignSession(tx, {
      workspaceId: input.workspaceId,
      sessionId: input.sessionId,
      toUserId: input.toUserId,
      change: { kind: "transferred", actorUserId: input.userId, reason: input.note },
    });
    // The agent it came from has room again.
    return { events, wake: "workspace" };
  });
}

import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import type { BusEvent } from "@/server/events/types";
import { assignSession, type AssignmentChange } from "@/server/routing/assignment";
import { acceptSession } from "./mark-opened";
import { memberWithRoom } from "./seat-members";
import type { SessionAccess } from "./session-access";

/**
 * The acting member gives the session to themself (within their own capacity) and has it open at
 * once: taking it is opening it. Refused when it is theirs already. Inside `changeSession`.
 */
export async function takeForSelf(
  tx: Tx,
  input: { workspaceId: string; userId: string; sessionId: string },
  session: SessionAccess["session"],
  change: Pick<AssignmentChange, "kind" | "reason">,
): Promise<BusEvent[]> {
  if (session.assignedUserId === input.userId) throw new DomainError("conflict", "This conversation is already yours.");
  await memberWithRoom(tx, input.workspaceId, input.userId, { self: true });
  const events = await assignSession(tx, {
    workspaceId: input.workspaceId,
    sessionId: input.sessionId,
    toUserId: input.userId,
    change: { ...change, actorUserId: input.userId, rule: "manual" },
  });
  await acceptSession(tx, input);
  return events;
}

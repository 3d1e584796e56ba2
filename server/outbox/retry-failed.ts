import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { messages } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import type { BusEvent } from "@/server/events/types";

/**
 * Puts a failed outgoing message of the workspace back in the queue, with a fresh set of attempts.
 * Publish the returned events after the caller's transaction commits (they wake the senders).
 */
export async function retryFailedMessage(db: Tx | Database, workspaceId: string, messageId: number): Promise<BusEvent[]> {
  const [retried] = await db
    .update(messages)
    .set({ delivery: "queued", retried: true, deliveryError: null, attempts: 0, sendAfter: null, claimedAt: null })
    .where(and(eq(messages.id, messageId), eq(messages.workspaceId, workspaceId), eq(messages.delivery, "failed")))
    .returning({ id: messages.id, sessionId: messages.sessionId });

  if (!retried) {
    const [existing] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.id, messageId), eq(messages.workspaceId, workspaceId)));
    // Another workspace's message is indistinguishable from one that does not exist.
    throw new DomainError("not_found", existing ? "Only failed messages can be retried." : "This message does not exist.");
  }

  return [
    { type: "outbox.queued", messageId },
    { type: "message.updated", workspaceId, sessionId: retried.sessionId, messageId },
    { type: "session.updated", workspaceId, sessionId: retried.sessionId },
  ];
}

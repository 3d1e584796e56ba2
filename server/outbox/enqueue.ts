import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { cancelTimers } from "@/db/schedule-timer";
import { messages, sessions, type MessageMedia } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { previewOf } from "@/lib/message-preview";
import type { BusEvent } from "@/server/events/types";

export type OutgoingMessage = {
  workspaceId: string;
  projectId: string;
  sessionId: string;
  chatId: number;
  /** "agent" for replies, "bot" for automatic messages (welcome, queue position). */
  author: "agent" | "bot";
  authorUserId?: string | null;
  text: string;
  kind?: "text" | "photo" | "document";
  media?: MessageMedia | null;
};

/**
 * Stores an outgoing message as queued, in the caller's transaction, and moves the session's
 * "last message" along. It is sent only after the transaction commits (the caller publishes the
 * returned events then), so a rolled-back request never sends anything and a crash loses nothing.
 */
export async function enqueueOutgoing(tx: Tx | Database, message: OutgoingMessage): Promise<{ id: number; events: BusEvent[] }> {
  const kind = message.kind ?? "text";
  const [row] = await tx
    .insert(messages)
    .values({
      workspaceId: message.workspaceId,
      projectId: message.projectId,
      sessionId: message.sessionId,
      chatId: message.chatId,
      author: message.author,
      authorUserId: message.authorUserId ?? null,
      kind,
      text: message.text,
      media: message.media ?? null,
      delivery: "queued",
    })
    .returning({ id: messages.id });
  await tx
    .update(sessions)
    .set({
      lastMessageAt: sql`now()`,
      lastMessagePreview: previewOf(message.text, kind),
      lastMessageAuthor: message.author,
      // An agent's reply answers the customer; an automatic message does not.
      ...(message.author === "agent"
        ? { awaitingReplySince: null, firstResponseAt: sql`coalesce(${sessions.firstResponseAt}, now())` }
        : {}),
    })
    .where(eq(sessions.id, message.sessionId));
  // Answered: no first-response escalation, and a transferred session no longer goes back.
  if (message.author === "agent") {
    await cancelTimers(tx, message.workspaceId, ["first_response", "transfer"], { sessionId: message.sessionId });
  }
  const id = row!.id;
  return {
    id,
    events: [
      { type: "outbox.queued", messageId: id },
      { type: "message.created", workspaceId: message.workspaceId, sessionId: message.sessionId, messageId: id },
      { type: "session.updated", workspaceId: message.workspaceId, sessionId: message.sessionId },
    ],
  };
}

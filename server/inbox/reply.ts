import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { bots, sessions } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import { enqueueOutgoing } from "@/server/outbox/enqueue";
import { conversationNotFound } from "./get-conversation";

/** Telegram's limit for one text message. */
export const REPLY_MAX_LENGTH = 4096;

export const replyTextSchema = z
  .string()
  .trim()
  .min(1, "Write a reply first.")
  .max(
    REPLY_MAX_LENGTH,
    `A Telegram message can have at most ${REPLY_MAX_LENGTH} characters. Shorten the reply or split it in two.`,
  );

/**
 * An agent's reply: stored in the outbox (queued) in one transaction with the session's "last
 * message", then announced, so the sender and every console hear of it only once it is committed.
 */
export async function replyToSession(
  db: Database,
  { workspaceId, userId, sessionId, text }: { workspaceId: string; userId: string; sessionId: string; text: string },
): Promise<{ messageId: number }> {
  const { id, events } = await db.transaction(async (tx) => {
    const [session] = await tx
      .select({ id: sessions.id, projectId: sessions.projectId, chatId: sessions.chatId, botId: bots.id })
      .from(sessions)
      .leftJoin(bots, eq(bots.projectId, sessions.projectId))
      .where(and(eq(sessions.id, sessionId), eq(sessions.workspaceId, workspaceId)))
      .limit(1);
    if (!session) throw conversationNotFound();
    if (!session.botId) {
      throw new DomainError(
        "conflict",
        "This project's bot is disconnected, so the customer cannot receive replies. Connect the bot again in Projects.",
      );
    }
    return enqueueOutgoing(tx, {
      workspaceId,
      projectId: session.projectId,
      sessionId: session.id,
      chatId: session.chatId,
      author: "agent",
      authorUserId: userId,
      text,
    });
  });
  await publishCommitted(events);
  return { messageId: id };
}

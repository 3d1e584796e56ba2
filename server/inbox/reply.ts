import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { bots, sessions } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import { enqueueOutgoing } from "@/server/outbox/enqueue";
import { checkAgentReply, riskStopError } from "@/server/risk/check-agent-reply";
import { conversationNotFound } from "./get-conversation";
import { assertMayReply } from "./session-access";

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
  {
    workspaceId,
    userId,
    sessionId,
    text,
    confirmCheckId,
  }: { workspaceId: string; userId: string; sessionId: string; text: string; confirmCheckId?: string },
): Promise<{ messageId: number }> {
  const { id, events, stop } = await db.transaction(async (tx) => {
    const [session] = await tx
      .select({ id: sessions.id, projectId: sessions.projectId, chatId: sessions.chatId, botId: bots.id })
      .from(sessions)
      .leftJoin(bots, eq(bots.projectId, sessions.projectId))
      .where(and(eq(sessions.id, sessionId), eq(sessions.workspaceId, workspaceId)))
      .limit(1);
    if (!session) throw conversationNotFound();
    await assertMayReply(tx, { workspaceId, userId, sessionId });
    if (!session.botId) {
      throw new DomainError(
        "conflict",
        "This project's bot is disconnected, so the customer cannot receive replies. Connect the bot again in Projects.",
      );
    }
    // Content risk control, before the message enters the outbox; a stop commits its trigger records only.
    const risk = await checkAgentReply(tx, {
      workspaceId,
      projectId: session.projectId,
      sessionId,
      userId,
      text,
      confirmCheckId,
    });
    if (risk.stop) return { id: 0, events: [], stop: risk.stop };
    const queued = await enqueueOutgoing(tx, {
      workspaceId,
      projectId: session.projectId,
      sessionId: session.id,
      chatId: session.chatId,
      author: "agent",
      authorUserId: userId,
      text,
    });
    await risk.settle(queued.id);
    return { ...queued, stop: null };
  });
  if (stop) throw riskStopError(stop);
  await publishCommitted(events);
  return { messageId: id };
}

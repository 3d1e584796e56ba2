import { and, desc, eq, sql } from "drizzle-orm";
import { messages } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import type { MessageContent } from "./message-content";
import type { WebhookBot } from "./webhook-bot";

type Where = { chatId: number; telegramMessageId: number };

export type EditResult = { status: "edited"; messageId: number; sessionId: string } | { status: "stale" } | { status: "unknown" };

/**
 * Applies a customer's edit to the stored message, keeping the previous text in editHistory.
 * An edit older than the stored version (deliveries can overtake each other) changes nothing.
 */
export async function applyCustomerEdit(
  tx: Tx,
  bot: WebhookBot,
  input: Where & { content: MessageContent; editedAt: Date },
): Promise<EditResult> {
  // The newest match: a project that changed bots may hold an older message with the same id in this chat.
  const [original] = await tx
    .select({ id: messages.id, sessionId: messages.sessionId, editedAt: messages.editedAt })
    .from(messages)
    .where(
      and(
        eq(messages.projectId, bot.projectId),
        eq(messages.chatId, input.chatId),
        eq(messages.telegramMessageId, input.telegramMessageId),
        eq(messages.author, "customer"),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1)
    .for("update");
  if (!original) return { status: "unknown" };
  if (original.editedAt && original.editedAt > input.editedAt) return { status: "stale" };

  await tx
    .update(messages)
    .set({
      editHistory: sql`${messages.editHistory} || jsonb_build_array(jsonb_build_object('text', ${messages.text}, 'editedAt', coalesce(${messages.editedAt}, ${messages.createdAt})))`,
      kind: input.content.kind,
      text: input.content.text,
      media: input.content.media,
      editedAt: input.editedAt,
    })
    .where(eq(messages.id, original.id));
  return { status: "edited", messageId: original.id, sessionId: original.sessionId };
}

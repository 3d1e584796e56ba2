import type { Database } from "@/db/client";
import type { BusEvent } from "@/server/events/types";
import { attributeStart } from "@/server/links/attribute-start";
import { applyCustomerEdit } from "./customer-edit";
import { upsertContact } from "./upsert-contact";
import { messageContent } from "./message-content";
import { parseStartCommand } from "./start-command";
import { storeCustomerMessage, type NewCustomerMessage } from "./store-customer-message";
import type { Tx } from "@/db/transaction";
import { updateKind, type TelegramMessage, type TelegramUpdate } from "./update-schema";
import { countUnhandledUpdate, recordUpdate } from "./update-log";
import { enqueueWelcome } from "./welcome";
import type { WebhookBot } from "./webhook-bot";

export type IngestOutcome = "stored" | "duplicate" | "unhandled";

/**
 * What happened to an update, and the events to publish once it is committed. `waiting`: the
 * customer's session has no agent, so routing runs after commit.
 */
export type IngestResult = { outcome: IngestOutcome; events: BusEvent[]; waiting?: boolean };

type CustomerMessage = TelegramMessage & { from: NonNullable<TelegramMessage["from"]> };

/** A private chat with a person: the only conversations a help desk answers. */
function fromCustomer(message: TelegramMessage | undefined): message is CustomerMessage {
  return message !== undefined && message.chat.type === "private" && message.from !== undefined && !message.from.is_bot;
}

const DUPLICATE: IngestResult = { outcome: "duplicate", events: [] };

/**
 * Stores one webhook update in one transaction: the dedup row and everything the update changes
 * commit together, so a failure anywhere leaves nothing behind and Telegram's retry starts clean.
 * The caller publishes `events` after this returns (i.e. after commit).
 */
export async function ingestUpdate(db: Database, bot: WebhookBot, update: TelegramUpdate): Promise<IngestResult> {
  const kind = update.message ? "message" : update.edited_message ? "edited_message" : updateKind(update);
  const message = update.message;

  // Most updates are a customer's new message: one statement, which is its own transaction.
  if (fromCustomer(message) && !parseStartCommand(message.text)) {
    const stored = await storeCustomerMessage(db, bot, newMessage(message, { id: update.update_id, kind }, null));
    return stored ? { outcome: "stored", events: storedEvents(bot, stored), waiting: stored.unassigned } : DUPLICATE;
  }

  return db.transaction(async (tx) => {
    if (!(await recordUpdate(tx, bot.telegramId, update.update_id, kind))) return DUPLICATE;
    if (fromCustomer(message)) return storeStart(tx, bot, message);
    if (fromCustomer(update.edited_message)) return storeEdit(tx, bot, update.edited_message);
    await countUnhandledUpdate(tx, bot.telegramId, kind);
    return { outcome: "unhandled", events: [] };
  });
}

function newMessage(message: CustomerMessage, update: NewCustomerMessage["update"], editedAt: Date | null): NewCustomerMessage {
  return {
    update,
    from: message.from,
    chatId: message.chat.id,
    telegramMessageId: message.message_id,
    content: messageContent(message),
    createdAt: new Date(message.date * 1000),
    editedAt,
    // An edit into "/start …" is not a new Start.
    startPayload: editedAt ? null : (parseStartCommand(message.text)?.payload ?? null),
  };
}

function storedEvents(bot: WebhookBot, stored: { messageId: number; sessionId: string }): BusEvent[] {
  return [
    { type: "message.created", workspaceId: bot.workspaceId, sessionId: stored.sessionId, messageId: stored.messageId },
    { type: "session.updated", workspaceId: bot.workspaceId, sessionId: stored.sessionId },
  ];
}

/** /start: the message, its payload on the contact, and the welcome queued, all in the caller's transaction. */
async function storeStart(tx: Tx, bot: WebhookBot, message: CustomerMessage): Promise<IngestResult> {
  const start = newMessage(message, null, null);
  const stored = await storeCustomerMessage(tx, bot, start);
  if (!stored) throw new Error("A customer message without a recorded update stored nothing");
  const attributed = start.startPayload
    ? await attributeStart(tx, {
        workspaceId: bot.workspaceId,
        projectId: bot.projectId,
        sessionId: stored.sessionId,
        payload: start.startPayload,
      })
    : [];
  const welcome = await enqueueWelcome(tx, bot, { id: stored.sessionId, chatId: message.chat.id });
  return { outcome: "stored", events: [...storedEvents(bot, stored), ...attributed, ...welcome], waiting: stored.unassigned };
}

async function storeEdit(tx: Tx, bot: WebhookBot, message: CustomerMessage): Promise<IngestResult> {
  const editedAt = new Date((message.edit_date ?? message.date) * 1000);
  // The contact first, as on every path, so concurrent updates of one customer take their locks in one order.
  await upsertContact(tx, bot, message.from);
  const edit = await applyCustomerEdit(tx, bot, {
    chatId: message.chat.id,
    telegramMessageId: message.message_id,
    content: messageContent(message),
    editedAt,
  });
  if (edit.status === "stale") return { outcome: "stored", events: [] };
  if (edit.status === "edited") {
    return {
      outcome: "stored",
      events: [{ type: "message.updated", workspaceId: bot.workspaceId, sessionId: edit.sessionId, messageId: edit.messageId }],
    };
  }
  // The edit of a message we never saw (its delivery was lost or predates the bot's connection): store it as that message.
  const stored = await storeCustomerMessage(tx, bot, newMessage(message, null, editedAt));
  if (!stored) throw new Error("A customer message without a recorded update stored nothing");
  return { outcome: "stored", events: storedEvents(bot, stored), waiting: stored.unassigned };
}

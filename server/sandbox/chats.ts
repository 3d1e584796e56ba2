/** A bot's chats: finding one the way the Bot API does, and the per-chat message sequence. */
import { randomInt } from "node:crypto";
import type { Message, User } from "grammy/types";
import { BOT_BLOCKED, CHAT_NOT_FOUND } from "./errors";
import type { BotRecord, ChatRecord, StoredMessage } from "./state";

/** A chat by id or @username; undefined when the bot never saw it. */
export function findChat(bot: BotRecord, chatId: number | string): ChatRecord | undefined {
  if (typeof chatId === "number") return bot.chats[String(chatId)];
  const username = chatId.slice(1).toLowerCase();
  return Object.values(bot.chats).find((chat) => chat.chat.username?.toLowerCase() === username);
}

/** The chat a method refers to: 400 "chat not found" for a customer who never wrote to the bot. */
export function knownChat(bot: BotRecord, chatId: number | string): ChatRecord {
  const chat = findChat(bot, chatId);
  if (!chat) throw CHAT_NOT_FOUND();
  return chat;
}

/** A chat the bot may send to: also 403 when the customer blocked the bot. */
export function chatForSending(bot: BotRecord, chatId: number | string): ChatRecord {
  const chat = knownChat(bot, chatId);
  if (chat.blocked) throw BOT_BLOCKED();
  return chat;
}

/** The private chat of a customer, created on their first message; writing to a bot also unblocks it. */
export function customerChat(bot: BotRecord, user: User): ChatRecord {
  const key = String(user.id);
  const chat: ChatRecord = bot.chats[key] ?? {
    chat: { id: user.id, type: "private", first_name: user.first_name },
    blocked: false,
    nextMessageId: 1,
    messages: [],
    topics: [],
  };
  chat.chat = { id: user.id, type: "private", first_name: user.first_name, last_name: user.last_name, username: user.username };
  chat.customer = user;
  chat.blocked = false;
  bot.chats[key] = chat;
  return chat;
}

/** A forum supergroup with the bot in it; ids look like Telegram's (-100…). */
export function createGroupChat(bot: BotRecord, title: string, forum: boolean): ChatRecord {
  let id: number;
  do id = -(1_000_000_000_000 + randomInt(1_000_000_000, 9_999_999_999));
  while (bot.chats[String(id)]);
  const chat: ChatRecord = {
    chat: { id, type: "supergroup", title, ...(forum ? { is_forum: true as const } : {}) },
    blocked: false,
    nextMessageId: 1,
    messages: [],
    topics: [],
  };
  bot.chats[String(id)] = chat;
  return chat;
}

export function nextMessageId(chat: ChatRecord): number {
  return chat.nextMessageId++;
}

export function appendMessage(chat: ChatRecord, from: StoredMessage["from"], message: Message): StoredMessage {
  const stored: StoredMessage = { message, from };
  chat.messages.push(stored);
  return stored;
}

export function findMessage(chat: ChatRecord, messageId: number): StoredMessage | undefined {
  return chat.messages.find((stored) => stored.message.message_id === messageId);
}

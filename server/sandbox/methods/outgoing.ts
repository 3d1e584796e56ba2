/** What every send method shares: checking the chat, numbering the message, replies, recording it. */
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { chatForSending, findMessage, nextMessageId, appendMessage } from "../chats";
import { badRequest } from "../errors";
import type { BotApiParams } from "../params";
import { nowSeconds, type ChatRecord } from "../state";
import { botUser } from "../telegram-objects";
import type { MethodContext } from "./context";

export type MessageContent = Omit<Message, "message_id" | "date" | "chat">;

function replyTo(chat: ChatRecord, params: BotApiParams): Message["reply_to_message"] {
  const parameters = params.json("reply_parameters") as
    { message_id?: unknown; allow_sending_without_reply?: unknown } | undefined;
  const messageId = typeof parameters?.message_id === "number" ? parameters.message_id : params.int("reply_to_message_id");
  if (messageId === undefined) return undefined;
  const target = findMessage(chat, messageId);
  if (target) return { ...target.message, reply_to_message: undefined };
  if (parameters?.allow_sending_without_reply === true || params.bool("allow_sending_without_reply")) return undefined;
  throw badRequest("message to be replied not found");
}

/** Telegram echoes an inline keyboard in the sent message; other keyboards are not part of it. */
export function inlineKeyboard(params: BotApiParams): { reply_markup?: InlineKeyboardMarkup } {
  const markup = params.json("reply_markup");
  if (markup === undefined) return {};
  if (typeof markup !== "object" || markup === null) throw badRequest("can't parse reply keyboard markup JSON object");
  return "inline_keyboard" in markup ? { reply_markup: markup as InlineKeyboardMarkup } : {};
}

/**
 * Sends a bot message to `chat_id`. The content is built only after the chat passed its checks, so a
 * refused send leaves no stored file behind.
 */
export function sendToChat({ core, bot, params }: MethodContext, content: () => MessageContent, chatParam = "chat_id"): Message {
  const chat = chatForSending(bot, params.chatId(chatParam));
  const threadId = params.int("message_thread_id");
  if (threadId !== undefined && !chat.topics.some((topic) => topic.message_thread_id === threadId)) {
    throw badRequest("message thread not found");
  }
  const reply = replyTo(chat, params);
  const body = content();
  const message: Message = {
    message_id: nextMessageId(chat),
    from: botUser(bot),
    chat: chat.chat,
    date: nowSeconds(),
    ...(threadId !== undefined ? { message_thread_id: threadId, is_topic_message: true as const } : {}),
    ...(reply ? { reply_to_message: reply } : {}),
    ...body,
    ...inlineKeyboard(params),
  };
  appendMessage(chat, "bot", message);
  core.changed();
  return message;
}

/** sendMessage, editMessageText, deleteMessage, copyMessage, forwardMessage, sendChatAction. */
import type { Message, MessageId } from "grammy/types";
import { chatForSending, findMessage, knownChat } from "../chats";
import { badRequest } from "../errors";
import { nowSeconds } from "../state";
import { botUser, commandEntities } from "../telegram-objects";
import type { MethodContext } from "./context";
import { captionOf, messageText } from "./formatted-text";
import { inlineKeyboard, sendToChat, type MessageContent } from "./outgoing";

export function sendMessage(context: MethodContext): Message {
  const text = messageText(context.params);
  return sendToChat(context, () => ({ text, entities: commandEntities(text) }));
}

const CONTENT_FIELDS = [
  "text",
  "entities",
  "photo",
  "document",
  "voice",
  "video",
  "sticker",
  "location",
  "contact",
  "caption",
  "caption_entities",
] as const;

/** The content of a message, without who sent it where (what copyMessage and forwardMessage carry over). */
function contentOf(message: Message): MessageContent {
  if (message.forum_topic_created) throw badRequest("message can't be copied");
  const content: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) if (message[field] !== undefined) content[field] = message[field];
  return content as MessageContent;
}

function sourceMessage({ bot, params }: MethodContext, notFound: string): Message {
  const chat = knownChat(bot, params.chatId("from_chat_id"));
  const source = findMessage(chat, params.requiredInt("message_id"));
  if (!source) throw badRequest(notFound);
  return source.message;
}

export function copyMessage(context: MethodContext): MessageId {
  const source = sourceMessage(context, "message to copy not found");
  const caption = context.params.has("caption") ? captionOf(context.params) : undefined;
  const sent = sendToChat(context, () => {
    const content = contentOf(source);
    if (caption !== undefined && content.text === undefined) content.caption = caption;
    return content;
  });
  return { message_id: sent.message_id };
}

export function forwardMessage(context: MethodContext): Message {
  const source = sourceMessage(context, "message to forward not found");
  const sender = source.from ?? botUser(context.bot);
  return sendToChat(context, () => ({
    ...contentOf(source),
    forward_origin: { type: "user", sender_user: sender, date: source.date },
  }));
}

export function editMessageText({ core, bot, params }: MethodContext): Message {
  if (params.has("inline_message_id")) throw badRequest("inline messages are not supported by the sandbox");
  const chat = chatForSending(bot, params.chatId());
  const stored = findMessage(chat, params.requiredInt("message_id"));
  if (!stored) throw badRequest("message to edit not found");
  if (stored.from !== "bot") throw badRequest("message can't be edited");
  if (stored.message.text === undefined) throw badRequest("there is no text in the message to edit");
  const text = messageText(params);
  const markup = inlineKeyboard(params);
  if (text === stored.message.text && JSON.stringify(markup.reply_markup) === JSON.stringify(stored.message.reply_markup)) {
    throw badRequest(
      "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
  }
  stored.originalText ??= stored.message.text;
  stored.message = { ...stored.message, text, entities: commandEntities(text), edit_date: nowSeconds(), ...markup };
  core.changed();
  return stored.message;
}

export function deleteMessage({ core, bot, params }: MethodContext): true {
  const chat = knownChat(bot, params.chatId());
  const messageId = params.requiredInt("message_id");
  const index = chat.messages.findIndex((stored) => stored.message.message_id === messageId);
  if (index < 0) throw badRequest("message to delete not found");
  chat.messages.splice(index, 1);
  core.changed();
  return true;
}

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

export function sendChatAction({ bot, params }: MethodContext): true {
  chatForSending(bot, params.chatId());
  if (!CHAT_ACTIONS.has(params.string("action") ?? "")) throw badRequest("wrong parameter action in request");
  return true;
}

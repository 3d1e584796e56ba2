/** Telegram objects built from sandbox records: users, chats, entities, and a message's kind. */
import type { Message, MessageEntity, User, UserFromGetMe } from "grammy/types";
import type { BotRecord, ChatRecord, StoredMessage } from "./state";
import type { SandboxCustomer, TranscriptEntry } from "./types";

export function botUser(bot: BotRecord): User {
  return { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username };
}

export function getMeResult(bot: BotRecord): UserFromGetMe {
  return {
    id: bot.id,
    is_bot: true,
    first_name: bot.firstName,
    username: bot.username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

/** The customer's Telegram user, keeping names given earlier when a later call leaves them out. */
export function customerUser(customer: SandboxCustomer, known?: User): User {
  return {
    id: customer.id,
    is_bot: false,
    first_name: customer.firstName ?? known?.first_name ?? "Customer",
    last_name: customer.lastName ?? known?.last_name,
    username: customer.username ?? known?.username,
    language_code: customer.languageCode ?? known?.language_code,
  };
}

/** `/start payload` → a bot_command entity over `/start` (with an @botname suffix, if any). */
export function commandEntities(text: string): MessageEntity[] | undefined {
  const command = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?/.exec(text);
  return command ? [{ type: "bot_command", offset: 0, length: command[0].length }] : undefined;
}

const KINDS = ["text", "photo", "document", "voice", "video", "sticker", "location", "contact", "forum_topic_created"] as const;

export function messageKind(message: Message): string {
  return KINDS.find((kind) => message[kind] !== undefined) ?? "other";
}

/** The file of a media message: the largest photo size, or the document, voice, video or sticker. */
export function messageFileId(message: Message): string | undefined {
  return (message.photo?.at(-1) ?? message.document ?? message.voice ?? message.video ?? message.sticker)?.file_id;
}

export function transcriptEntry({ message, from, originalText }: StoredMessage): TranscriptEntry {
  const edited = originalText !== undefined;
  return {
    messageId: message.message_id,
    from,
    date: message.date,
    kind: messageKind(message),
    text: message.text !== undefined ? (edited ? originalText : message.text) : message.forum_topic_created?.name,
    caption: message.caption !== undefined ? (edited ? originalText : message.caption) : undefined,
    fileId: messageFileId(message),
    editedText: edited ? (message.text ?? message.caption) : undefined,
    threadId: message.message_thread_id,
  };
}

export function chatTitle(chat: ChatRecord): string {
  const c = chat.chat;
  return c.type === "private" ? [c.first_name, c.last_name].filter(Boolean).join(" ") : c.title;
}

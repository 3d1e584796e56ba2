/** createForumTopic: topics live in forum supergroups (and, since Bot API 9.3, in a bot's private chats). */
import type { ForumTopic } from "grammy/types";
import { chatForSending, appendMessage, nextMessageId } from "../chats";
import { badRequest } from "../errors";
import { nowSeconds } from "../state";
import { botUser } from "../telegram-objects";
import type { MethodContext } from "./context";

/** The six colours Telegram offers for topic icons; the first is its default. */
const ICON_COLORS = [7322096, 16766590, 13338331, 9367192, 16749490, 16478047];

export function createForumTopic({ core, bot, params }: MethodContext): ForumTopic {
  const chat = chatForSending(bot, params.chatId());
  if (chat.chat.type === "supergroup" && !chat.chat.is_forum) throw badRequest("the chat is not a forum");
  const name = params.string("name")?.trim() ?? "";
  if (name === "") throw badRequest("TOPIC_TITLE_EMPTY");
  if (name.length > 128) throw badRequest("TOPIC_TITLE_TOO_LONG");
  const iconColor = params.int("icon_color") ?? ICON_COLORS[0]!;
  if (!ICON_COLORS.includes(iconColor)) throw badRequest("invalid icon_color specified");
  const customEmoji = params.string("icon_custom_emoji_id") || undefined;

  // As in Telegram, a topic's id is the id of the service message that opened it.
  const threadId = nextMessageId(chat);
  const topic: ForumTopic = {
    message_thread_id: threadId,
    name,
    icon_color: iconColor,
    ...(customEmoji ? { icon_custom_emoji_id: customEmoji } : {}),
  };
  chat.topics.push(topic);
  appendMessage(chat, "bot", {
    message_id: threadId,
    message_thread_id: threadId,
    is_topic_message: true,
    from: botUser(bot),
    chat: chat.chat,
    date: nowSeconds(),
    forum_topic_created: { name, icon_color: iconColor, ...(customEmoji ? { icon_custom_emoji_id: customEmoji } : {}) },
  });
  core.changed();
  return topic;
}

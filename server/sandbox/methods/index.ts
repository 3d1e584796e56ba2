/** The Bot API methods the sandbox answers; Telegram matches method names case-insensitively. */
import type { MethodHandler } from "./context";
import { createForumTopic } from "./forum";
import { deleteMyCommands, getChat, getMe, getMyCommands, setMyCommands } from "./identity";
import { getFile, sendDocument, sendPhoto, sendVideo, sendVoice } from "./media";
import { copyMessage, deleteMessage, editMessageText, forwardMessage, sendChatAction, sendMessage } from "./messages";
import { deleteWebhook, getUpdates, getWebhookInfo, setWebhook } from "./webhook";

const METHODS: Record<string, MethodHandler> = {
  getMe,
  getChat,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  getUpdates,
  sendMessage,
  editMessageText,
  deleteMessage,
  copyMessage,
  forwardMessage,
  sendChatAction,
  sendPhoto,
  sendDocument,
  sendVoice,
  sendVideo,
  getFile,
  createForumTopic,
};

const BY_LOWER_NAME = new Map(Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]));

/** The method's handler and its canonical name, or undefined for a method the sandbox does not know. */
export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

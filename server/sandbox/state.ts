/**
 * Everything the sandbox remembers, as plain JSON-able data so the state file is a straight dump:
 * bots, their chats and messages, files, webhook registrations, pending updates, faults, call log.
 */
import { randomBytes } from "node:crypto";
import type { BotCommand, Chat, ForumTopic, Message, Update, User } from "grammy/types";
import type { BotApiCall } from "./types";

export type MediaKind = "photo" | "document" | "voice" | "video" | "sticker";

export type StoredFile = {
  fileId: string;
  fileUniqueId: string;
  /** file_ids work only for the bot that received or sent them, as in Telegram. */
  botId: number;
  kind: MediaKind;
  filePath: string;
  size: number;
  mimeType: string;
  fileName?: string;
  width?: number;
  height?: number;
  duration?: number;
  /** For a photo: the file_ids of all its sizes, smallest first. */
  photoSizes?: string[];
  dataBase64: string;
};

/** A message as it is now; `originalText` keeps the text (or caption) from before its first edit. */
export type StoredMessage = { message: Message; from: "customer" | "bot"; originalText?: string };

export type SandboxChatObject = Chat.PrivateChat | Chat.SupergroupChat;

export type ChatRecord = {
  chat: SandboxChatObject;
  /** The Telegram user behind a private chat. */
  customer?: User;
  blocked: boolean;
  /** Customer and bot messages share one sequence per chat, as in Telegram. */
  nextMessageId: number;
  messages: StoredMessage[];
  topics: ForumTopic[];
};

export type WebhookRecord = {
  url: string;
  secretToken?: string;
  allowedUpdates: string[];
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
};

export type PendingUpdate = { update: Update; enqueuedAt: number };

export type FaultRecord = { method: string; errorCode: number; description: string; retryAfter?: number; remaining: number };

export type BotRecord = {
  id: number;
  username: string;
  firstName: string;
  /** Bumped by revokeToken: tokens signed for an older version stop working. */
  tokenVersion: number;
  createdAt: number;
  webhook: WebhookRecord;
  nextUpdateId: number;
  /** Waiting for the webhook, or for getUpdates to confirm them with a higher offset. */
  pending: PendingUpdate[];
  chats: Record<string, ChatRecord>;
  commands: BotCommand[];
  faults: FaultRecord[];
  calls: BotApiCall[];
};

export type SandboxData = {
  version: 1;
  /** Signs bot tokens; kept in the state file so tokens survive restarts. */
  signingSecret: string;
  nextFileNumber: number;
  bots: Record<string, BotRecord>;
  files: Record<string, StoredFile>;
};

export const STATE_VERSION = 1;

export function emptyState(): SandboxData {
  return { version: STATE_VERSION, signingSecret: randomBytes(32).toString("hex"), nextFileNumber: 1, bots: {}, files: {} };
}

export function emptyWebhook(): WebhookRecord {
  return { url: "", allowedUpdates: [], maxConnections: 40 };
}

/** Unix seconds, Telegram's unit for dates. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

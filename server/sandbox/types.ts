/**
 * The public shapes of the Bot API sandbox: what tests, the launcher and the console's Test customer
 * panel see. The control API speaks exactly these objects as JSON.
 */
import type { SandboxStateStore } from "./persistence";
import type { CustomerEditInput, CustomerMessageInput, FaultInput, GroupInput, RawUpdateInput } from "./control-schemas";

export type { CustomerEditInput, CustomerMessageInput, FaultInput, GroupInput, RawUpdateInput };
export type SandboxCustomer = CustomerMessageInput["customer"];

/** A bot created in the sandbox, with the token a Bot API client uses. */
export type SandboxBotCreated = { id: number; token: string; username: string; firstName: string };

export type SandboxWebhook = {
  /** Empty when no webhook is set (updates then wait, see pendingUpdateCount). */
  url: string;
  hasSecret: boolean;
  allowedUpdates: string[];
  pendingUpdateCount: number;
  lastErrorMessage?: string;
  /** Unix seconds, like Telegram's last_error_date. */
  lastErrorDate?: number;
  maxConnections: number;
};

export type SandboxBot = { id: number; username: string; firstName: string; webhook: SandboxWebhook };

/** What became of one update at the webhook. */
export type DeliveryOutcome = {
  delivered: boolean;
  attempts: number;
  /** HTTP status of the last attempt; null when it never got one (network error, or no attempt). */
  lastStatus: number | null;
  /**
   * delivered: a 2xx; failed: retries exhausted; pending: no webhook is set, the update waits;
   * filtered: its kind is not in allowed_updates; dropped: drop_pending_updates removed it.
   */
  status: "delivered" | "failed" | "pending" | "filtered" | "dropped";
  /** Telegram's wording of the last failure, as getWebhookInfo reports it. */
  error?: string;
};

export type UpdateReceipt = {
  updateId: number;
  /** The customer's message (new, or the one edited); 0 for raw updates without a message. */
  messageId: number;
  /** Present when the call asked to wait for the webhook. */
  delivery?: DeliveryOutcome;
};

export type WaitOption = { wait?: boolean };

export type TranscriptEntry = {
  messageId: number;
  from: "customer" | "bot";
  /** Unix seconds. */
  date: number;
  /** text, photo, document, voice, video, sticker, location, contact, forum_topic_created, other */
  kind: string;
  text?: string;
  caption?: string;
  /** The file of a media message (the largest size of a photo). */
  fileId?: string;
  /** The current text after the latest edit (by the customer or by editMessageText). */
  editedText?: string;
  /** The forum topic the message was sent to. */
  threadId?: number;
};

/** One Bot API call made with a bot's token. */
export type BotApiCall = { method: string; at: number; chatId?: number; ok: boolean; errorCode?: number };

/** A chat the bot knows: a customer who wrote to it, or a group made with createGroup. */
export type SandboxChat = {
  id: number;
  type: "private" | "supergroup";
  title: string;
  username?: string;
  blocked: boolean;
  messageCount: number;
  lastMessageAt?: number;
};

export interface SandboxClient {
  /** The base URL of the sandbox (also the Bot API root for grammY's apiRoot). */
  readonly baseUrl: string;
  health(): Promise<{ ok: true; bots: number }>;
  createBot(input?: { username?: string; firstName?: string }): Promise<SandboxBotCreated>;
  getBot(botId: number): Promise<SandboxBot>;
  /** Invalidates the bot's token and returns a new one (BotFather's /revoke). */
  revokeToken(botId: number): Promise<SandboxBotCreated>;
  customerSays(botId: number, input: CustomerMessageInput, options?: WaitOption): Promise<UpdateReceipt>;
  customerEdits(botId: number, input: CustomerEditInput, options?: WaitOption): Promise<UpdateReceipt>;
  sendRawUpdate(botId: number, update: RawUpdateInput, options?: WaitOption): Promise<UpdateReceipt>;
  transcript(botId: number, chatId: number): Promise<TranscriptEntry[]>;
  chats(botId: number): Promise<SandboxChat[]>;
  calls(botId: number): Promise<BotApiCall[]>;
  fail(botId: number, fault: FaultInput): Promise<void>;
  blockBot(botId: number, chatId: number): Promise<void>;
  unblockBot(botId: number, chatId: number): Promise<void>;
  /** A forum supergroup the bot is an admin of (for createForumTopic and topic mirrors); returns its chat id. */
  createGroup(botId: number, input: GroupInput): Promise<{ chatId: number }>;
}

export interface BotApiSandbox extends SandboxClient {
  /** e.g. http://127.0.0.1:8081 (no trailing slash, as grammY's apiRoot wants). */
  readonly url: string;
  /** Stops delivery, saves the state file and closes the server. Safe to call unbound. */
  close(): Promise<void>;
}

export type StartBotApiSandboxOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the control API has no authentication. */
  host?: string;
  /** Keeps bots, webhooks, chats and files across restarts in this JSON file; memory only without it. */
  stateFile?: string;
  /** Keeps the state in this store instead (e.g. the app's database); the sandbox closes it on close. */
  stateStore?: SandboxStateStore;
  /** Pauses between webhook attempts; default Telegram-like [1000, 2000, 4000, 8000, 16000, 30000, 60000]. */
  retryDelaysMs?: number[];
  /** How long one webhook request may take before it counts as failed; default 30 s. */
  webhookTimeoutMs?: number;
  /** Where warnings go (a broken state file, a failed save); default console.warn. */
  log?: (line: string) => void;
};

/** Creating sandbox bots (BotFather's job) and describing them to the control API. */
import { randomBytes } from "node:crypto";
import { chatTitle, transcriptEntry } from "./telegram-objects";
import { ControlError } from "./errors";
import { emptyWebhook, type BotRecord, type SandboxData } from "./state";
import { tokenFor } from "./tokens";
import type { SandboxBot, SandboxBotCreated, SandboxChat, TranscriptEntry } from "./types";

const MIN_BOT_ID = 1_000_000_000n;
const MAX_BOT_ID = 2n ** 52n;

/** A random id below 2^52 (a safe integer in JSON and JavaScript), at least 10 digits like Telegram's. */
function newBotId(data: SandboxData): number {
  for (;;) {
    const id = Number(MIN_BOT_ID + (randomBytes(8).readBigUInt64BE(0) % (MAX_BOT_ID - MIN_BOT_ID)));
    if (!data.bots[String(id)]) return id;
  }
}

export function createBot(data: SandboxData, input: { username?: string; firstName?: string }): BotRecord {
  if (input.username && Object.values(data.bots).some((bot) => bot.username.toLowerCase() === input.username!.toLowerCase())) {
    throw new ControlError(409, `the username @${input.username} is already taken by another sandbox bot`);
  }
  const id = newBotId(data);
  const bot: BotRecord = {
    id,
    username: input.username ?? `sandbox_${id.toString(36)}_bot`,
    firstName: input.firstName ?? "Sandbox Bot",
    tokenVersion: 1,
    createdAt: Date.now(),
    webhook: emptyWebhook(),
    // Telegram starts update ids at an arbitrary number; so does the sandbox, to catch code assuming 1.
    nextUpdateId: 100_000 + Number(randomBytes(3).readUIntBE(0, 3) % 800_000),
    pending: [],
    chats: {},
    commands: [],
    faults: [],
    calls: [],
  };
  data.bots[String(id)] = bot;
  return bot;
}

export function botOrThrow(data: SandboxData, botId: number): BotRecord {
  const bot = data.bots[String(botId)];
  if (!bot) throw new ControlError(404, `no sandbox bot with id ${botId}; create one with POST /sandbox/bots`);
  return bot;
}

export function createdView(data: SandboxData, bot: BotRecord): SandboxBotCreated {
  return { id: bot.id, token: tokenFor(data, bot), username: bot.username, firstName: bot.firstName };
}

export function botView(bot: BotRecord): SandboxBot {
  const { webhook } = bot;
  return {
    id: bot.id,
    username: bot.username,
    firstName: bot.firstName,
    webhook: {
      url: webhook.url,
      hasSecret: Boolean(webhook.secretToken),
      allowedUpdates: webhook.allowedUpdates,
      pendingUpdateCount: bot.pending.length,
      maxConnections: webhook.maxConnections,
      ...(webhook.lastErrorMessage ? { lastErrorMessage: webhook.lastErrorMessage, lastErrorDate: webhook.lastErrorDate } : {}),
    },
  };
}

export function chatViews(bot: BotRecord): SandboxChat[] {
  return Object.values(bot.chats).map((chat) => ({
    id: chat.chat.id,
    type: chat.chat.type,
    title: chatTitle(chat),
    ...(chat.chat.username ? { username: chat.chat.username } : {}),
    blocked: chat.blocked,
    messageCount: chat.messages.length,
    ...(chat.messages.length ? { lastMessageAt: chat.messages.at(-1)!.message.date } : {}),
  }));
}

/** The chat as the customer sees it; empty for a customer who has not written yet. */
export function transcriptOf(bot: BotRecord, chatId: number): TranscriptEntry[] {
  return (bot.chats[String(chatId)]?.messages ?? []).map(transcriptEntry);
}

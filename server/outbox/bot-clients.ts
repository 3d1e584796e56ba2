import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { eq } from "drizzle-orm";
import type { Api } from "grammy";
import { LRUCache } from "lru-cache";
import type { Database } from "@/db/client";
import { bots } from "@/db/schema";
import { createBotApi } from "@/lib/bot-api";
import { decryptSecret } from "@/lib/crypto/secret-box";

export type BotClient = { botId: string; api: Api };

export type BotClients = {
  /** The sending client of the project's bot, or null when the project has no bot connected. */
  forProject(projectId: string): Promise<BotClient | null>;
};

export type BotClientsOptions = {
  /** Bot API base URL; default TELEGRAM_API_ROOT. */
  apiRoot?: string;
  /** Clients kept; the least recently used one is dropped beyond this. */
  maxCached?: number;
};

/** The stored token does not decrypt: ENCRYPTION_KEY changed since the bot was connected. */
export class UnreadableBotToken extends Error {
  constructor() {
    super("The bot's token cannot be decrypted with the current ENCRYPTION_KEY.");
    this.name = "UnreadableBotToken";
  }
}

/**
 * A grammY Api with the transformers the outbox needs, for one token. auto-retry is installed last,
 * so it wraps the throttler (grammY runs the last `use` first) and each of its retries is paced too.
 */
export function createSendingApi(token: string, apiRoot?: string): Api {
  const api = createBotApi(token, { apiRoot });
  api.config.use(
    // Telegram's limits: about one message a second per chat, 30 a second per bot (and 20 a minute per group).
    apiThrottler({
      global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1000 },
      out: { maxConcurrent: 1, minTime: 1000 },
    }),
  );
  api.config.use(
    autoRetry({
      maxRetryAttempts: 3,
      maxDelaySeconds: 60,
      // Network errors are retried by auto-retry without any limit (backoff up to an hour); the outbox
      // requeues them with its own backoff instead, so a claim is never held that long.
      rethrowHttpErrors: true,
    }),
  );
  return api;
}

/**
 * One client per bot, so the throttler sees all of a bot's traffic in this process. A client is
 * tied to the token it was made with: a rotated token or a reconnected bot gets a fresh client.
 */
export function createBotClients(db: Database, options: BotClientsOptions = {}): BotClients {
  const cache = new LRUCache<string, { tokenRotatedAt: number; client: BotClient }>({ max: options.maxCached ?? 500 });

  return {
    async forProject(projectId) {
      const [bot] = await db
        .select({ id: bots.id, tokenCiphertext: bots.tokenCiphertext, tokenRotatedAt: bots.tokenRotatedAt })
        .from(bots)
        .where(eq(bots.projectId, projectId));
      if (!bot) return null;

      const tokenRotatedAt = bot.tokenRotatedAt?.getTime() ?? 0;
      const cached = cache.get(bot.id);
      if (cached?.tokenRotatedAt === tokenRotatedAt) return cached.client;
      let token: string;
      try {
        token = decryptSecret(bot.tokenCiphertext);
      } catch {
        throw new UnreadableBotToken();
      }
      const client = { botId: bot.id, api: createSendingApi(token, options.apiRoot) };
      cache.set(bot.id, { tokenRotatedAt, client });
      return client;
    },
  };
}

import { eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Database } from "@/db/client";
import { bots, projects } from "@/db/schema";

/** What the webhook needs to know about the bot an update is addressed to. */
export type WebhookBot = {
  id: string;
  telegramId: number;
  workspaceId: string;
  projectId: string;
  webhookSecretHash: string;
  projectStatus: "draft" | "active" | "inactive";
  projectArchived: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Bot ids are uuids; anything else cannot be a bot, and is answered without asking the database. */
export function isBotId(value: string): boolean {
  return UUID.test(value);
}

/** Reads the bot and its project straight from the database. */
export async function loadWebhookBot(db: Database, botId: string): Promise<WebhookBot | null> {
  if (!isBotId(botId)) return null;
  const [row] = await db
    .select({
      id: bots.id,
      telegramId: bots.telegramId,
      workspaceId: bots.workspaceId,
      projectId: bots.projectId,
      webhookSecretHash: bots.webhookSecretHash,
      projectStatus: projects.status,
      archivedAt: projects.archivedAt,
    })
    .from(bots)
    .innerJoin(projects, eq(projects.id, bots.projectId))
    .where(eq(bots.id, botId.toLowerCase()))
    .limit(1);
  if (!row) return null;
  const { archivedAt, ...bot } = row;
  return { ...bot, projectArchived: archivedAt !== null };
}

// Every update of a bot reads the same row: a few seconds of staleness is harmless, because a
// changed secret is re-read before refusing and a deleted bot only keeps storing for the TTL.
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Cache = LRUCache<string, Promise<WebhookBot | null>>;
// On globalThis: one cache per process even where the launcher and the Next.js bundle load separate copies.
const CACHE_KEY = Symbol.for("deskgram.telegram.webhook-bot-cache");
type Holder = typeof globalThis & { [CACHE_KEY]?: Cache };

function cache(): Cache {
  const holder = globalThis as Holder;
  holder[CACHE_KEY] ??= new LRUCache({ max: MAX_ENTRIES, ttl: TTL_MS });
  return holder[CACHE_KEY];
}

/**
 * The bot for a webhook request, from a short in-process cache. `fresh` skips the cache (used once
 * when the secret does not match, in case it was just rotated). Unknown bots are cached too, so a
 * flood of requests to a stale webhook URL costs one query per TTL.
 */
export function webhookBot(db: Database, botId: string, options: { fresh?: boolean } = {}): Promise<WebhookBot | null> {
  const key = botId.toLowerCase();
  const entries = cache();
  const cached = options.fresh ? undefined : entries.get(key);
  if (cached) return cached;
  if (!isBotId(key)) return Promise.resolve(null);

  const bot = loadWebhookBot(db, key);
  entries.set(key, bot);
  // A failed read (database down) must not be remembered.
  bot.catch(() => entries.peek(key) === bot && entries.delete(key));
  return bot;
}

/** Drops a bot from this process's cache (after connecting, rotating or disconnecting it). */
export function forgetWebhookBot(botId: string): void {
  cache().delete(botId.toLowerCase());
}

import { database, type Database } from "@/db/client";
import { matchesSecretHash } from "@/lib/crypto/secret-box";
import { BodyTooLargeError, readLimitedBody } from "@/lib/http/limit-body";
import type { PlainAnswer } from "@/lib/http/node-answer";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { wakeRouting } from "@/server/routing/wake";
import { ingestUpdate } from "./ingest-update";
import { updateSchema, type TelegramUpdate } from "./update-schema";
import { isBotId, webhookBot } from "./webhook-bot";

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export type WebhookDeps = {
  db?: Database;
  publish?: (events: BusEvent[]) => Promise<void>;
  log?: (message: string) => void;
  /** Runs routing for the bot's project after commit when the customer's session waits for an agent. */
  wake?: (db: Database, workspaceId: string, projectId: string) => Promise<void>;
};

/** A webhook delivery as the handler needs it: from a Web `Request` or from the Node server (serve-webhook.ts). */
export type WebhookDelivery = {
  headers: { get(name: string): string | null };
  /** The body, at most MAX_BODY_BYTES (BodyTooLargeError above); read only once the secret was checked. */
  body(): Promise<Uint8Array>;
};

function answer(status: number, body: Record<string, unknown>): PlainAnswer {
  return {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
    body: JSON.stringify(body),
  };
}

/** The database's own words (code and message): drizzle's wrapper would quote the query's parameters, i.e. the customer's text. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
  return [typeof code === "string" ? code : null, typeof message === "string" ? message : String(cause)]
    .filter(Boolean)
    .join(" ");
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The update in a body, or null when it is not JSON or not an object with an integer update_id ≥ 0. */
function parseUpdate(body: Uint8Array): TelegramUpdate | null {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(body));
  } catch {
    return null;
  }
  const parsed = updateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** POST /api/telegram/{botId} as a Web `Response` (the Next.js route; see `answerWebhook`). */
export async function handleTelegramWebhook(request: Request, botId: string, deps: WebhookDeps = {}): Promise<Response> {
  const result = await answerWebhook({ headers: request.headers, body: () => readLimitedBody(request) }, botId, deps);
  return new Response(result.body, { status: result.status, headers: result.headers });
}

/**
 * POST /api/telegram/{botId}. Answers 200 only once the update is committed (or was already), and
 * 5xx when the database fails, so Telegram delivers it again. Checks run cheapest-refusal first
 * and no body is read before the caller proved it is Telegram (the secret header).
 */
export async function answerWebhook(request: WebhookDelivery, botId: string, deps: WebhookDeps = {}): Promise<PlainAnswer> {
  const log = deps.log ?? ((message: string) => console.error(message));
  if (!isBotId(botId)) return answer(404, { ok: false, error: "Unknown bot." });
  const db = deps.db ?? database();

  let bot;
  try {
    bot = await webhookBot(db, botId);
    const secret = request.headers.get(SECRET_HEADER);
    // A mismatch may be a secret rotated a moment ago: ask the database once before refusing.
    if (bot && !matchesSecretHash(secret, bot.webhookSecretHash) && secret) bot = await webhookBot(db, botId, { fresh: true });
    if (!bot) return answer(404, { ok: false, error: "Unknown bot." });
    if (!matchesSecretHash(secret, bot.webhookSecretHash)) return answer(401, { ok: false, error: "Wrong secret token." });
  } catch (error) {
    log(`Telegram webhook ${botId}: bot lookup failed, answering 503 so Telegram retries: ${describeFailure(error)}`);
    return answer(503, { ok: false, error: "Try again later." });
  }

  let update: TelegramUpdate | null;
  try {
    update = parseUpdate(await request.body());
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer(413, { ok: false, error: error.message });
    return answer(400, { ok: false, error: "Could not read the request body." });
  }
  if (!update) return answer(400, { ok: false, error: "Not a Telegram update." });

  let events: BusEvent[];
  let waiting: boolean | undefined;
  try {
    ({ events, waiting } = await ingestUpdate(db, bot, update));
  } catch (error) {
    // Never the body: it is a customer's message.
    log(
      `Telegram webhook ${botId}: update ${update.update_id} not stored, answering 503 so Telegram retries: ${describeFailure(error)}`,
    );
    return answer(503, { ok: false, error: "Try again later." });
  }

  // Committed: Telegram's answer does not wait for the events. A lost event only delays a console
  // refresh or an outbox wake-up (the sender also polls), so it never turns into a retry.
  if (events.length) {
    const updateId = update.update_id;
    const failed = (error: unknown) =>
      log(`Telegram webhook ${botId}: update ${updateId} stored, publishing its events failed: ${describeFailure(error)}`);
    try {
      void (deps.publish ?? ((e: BusEvent[]) => eventBus().publish(e)))(events).catch(failed);
    } catch (error) {
      failed(error);
    }
  }
  // Nor for routing, which never throws; if this process dies first, the sweeper wakes projects
  // whose sessions wait too long.
  if (waiting) void (deps.wake ?? wakeRouting)(db, bot.workspaceId, bot.projectId);
  return answer(200, { ok: true });
}

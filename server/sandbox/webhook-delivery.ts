/**
 * Delivers updates like Telegram: per bot, in order, one at a time, to the URL given by setWebhook,
 * with the secret header; a non-2xx answer or a network error is retried after each of `retryDelaysMs`,
 * then the update is given up and the error kept for getWebhookInfo. Without a webhook, updates wait
 * (for a later setWebhook, or for getUpdates).
 */
import { STATUS_CODES } from "node:http";
import type { Update } from "grammy/types";
import { nowSeconds, type BotRecord, type SandboxData } from "./state";
import type { DeliveryOutcome } from "./types";

export const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000, 30000, 60000];
/** Telegram keeps undelivered updates for 24 hours. */
const PENDING_TTL_MS = 24 * 60 * 60 * 1000;
/** With allowed_updates empty, Telegram sends every kind but these. */
const OFF_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

export function updateKind(update: object): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}

export function isAllowed(allowedUpdates: string[], kind: string): boolean {
  return allowedUpdates.length > 0 ? allowedUpdates.includes(kind) : !OFF_BY_DEFAULT.has(kind);
}

const outcome = (
  status: DeliveryOutcome["status"],
  attempts = 0,
  lastStatus: number | null = null,
  error?: string,
): DeliveryOutcome => ({
  delivered: status === "delivered",
  attempts,
  lastStatus,
  status,
  ...(error ? { error } : {}),
});

/** Telegram's wording for a webhook that could not be reached. */
function networkErrorMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === "TimeoutError") return "Connection timed out";
  switch (cause?.code) {
    case "ECONNREFUSED":
      return "Connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "Failed to resolve host: Name or service not known";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "Connection reset by peer";
    default:
      return `Connection error: ${cause?.message ?? (error as Error).message}`;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

type Attempt = { ok: boolean; status: number | null; error?: string };

export class WebhookDelivery {
  private readonly active = new Set<number>();
  private readonly waiters = new Map<string, Array<(result: DeliveryOutcome) => void>>();
  private readonly pollers = new Map<number, Set<() => void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly state: { data: SandboxData; changed(): void },
    private readonly options: { retryDelaysMs: number[]; timeoutMs: number },
  ) {}

  /**
   * Numbers an update and queues it for the bot. With `wait`, the promise resolves with its outcome:
   * at once when no webhook is set (the update stays pending) or its kind is not allowed.
   */
  enqueue(
    bot: BotRecord,
    body: Omit<Update, "update_id">,
    wait = false,
  ): { updateId: number; outcome?: Promise<DeliveryOutcome> } {
    const update = { update_id: bot.nextUpdateId++, ...body } as Update;
    const updateId = update.update_id;
    this.state.changed();
    // Telegram does not even queue a kind the webhook did not ask for.
    if (bot.webhook.url && !isAllowed(bot.webhook.allowedUpdates, updateKind(update))) {
      return { updateId, outcome: wait ? Promise.resolve(outcome("filtered")) : undefined };
    }
    bot.pending.push({ update, enqueuedAt: Date.now() });
    let result: Promise<DeliveryOutcome> | undefined;
    if (wait) result = bot.webhook.url ? this.outcomeOf(bot.id, updateId) : Promise.resolve(outcome("pending"));
    for (const wake of this.pollers.get(bot.id) ?? []) wake();
    this.kick(bot.id);
    return { updateId, outcome: result };
  }

  /** Starts delivering the bot's pending updates unless that is already under way. */
  kick(botId: number): void {
    if (this.active.has(botId) || this.stopping.signal.aborted) return;
    this.active.add(botId);
    void this.run(botId);
  }

  /** drop_pending_updates: forgets the queue; anyone waiting hears "dropped". */
  dropPending(bot: BotRecord): void {
    for (const { update } of bot.pending) this.settle(bot.id, update.update_id, outcome("dropped"));
    bot.pending = [];
    this.state.changed();
  }

  /** Drops updates older than Telegram's 24 hours. */
  dropExpired(bot: BotRecord): void {
    const oldest = Date.now() - PENDING_TTL_MS;
    while (bot.pending[0] && bot.pending[0].enqueuedAt < oldest) {
      const { update } = bot.pending.shift()!;
      this.settle(bot.id, update.update_id, outcome("dropped"));
      this.state.changed();
    }
  }

  /** Resolves when an update arrives for the bot, after `ms`, or on stop (getUpdates' long polling). */
  nextUpdate(botId: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.pollers.get(botId) ?? new Set();
      this.pollers.set(botId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        this.stopping.signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
      this.stopping.signal.addEventListener("abort", done, { once: true });
    });
  }

  /** Stops all delivery; waiting callers hear "pending" (the updates stay queued in the state). */
  stop(): void {
    this.stopping.abort();
    for (const [key, list] of this.waiters) {
      this.waiters.delete(key);
      for (const resolve of list) resolve(outcome("pending"));
    }
  }

  private outcomeOf(botId: number, updateId: number): Promise<DeliveryOutcome> {
    return new Promise((resolve) => {
      const key = `${botId}:${updateId}`;
      this.waiters.set(key, [...(this.waiters.get(key) ?? []), resolve]);
    });
  }

  private settle(botId: number, updateId: number, result: DeliveryOutcome): void {
    const key = `${botId}:${updateId}`;
    const list = this.waiters.get(key);
    this.waiters.delete(key);
    for (const resolve of list ?? []) resolve(result);
  }

  private async run(botId: number): Promise<void> {
    // `active` is cleared in the same synchronous step that sees the queue empty, so no kick is lost.
    try {
      for (;;) {
        const bot = this.state.data.bots[botId];
        if (!bot || !bot.webhook.url || this.stopping.signal.aborted) return;
        this.dropExpired(bot);
        const head = bot.pending[0];
        if (!head) return;
        if (!isAllowed(bot.webhook.allowedUpdates, updateKind(head.update))) {
          bot.pending.shift();
          this.state.changed();
          this.settle(botId, head.update.update_id, outcome("filtered"));
          continue;
        }
        const result = await this.deliver(bot, head.update);
        if (result.status === "pending") {
          this.settle(botId, head.update.update_id, result);
          return; // the webhook was deleted (or the sandbox stops): the update stays queued
        }
        const index = bot.pending.indexOf(head); // drop_pending_updates may have removed it meanwhile
        if (index >= 0) bot.pending.splice(index, 1);
        this.state.changed();
        this.settle(botId, head.update.update_id, result);
      }
    } finally {
      this.active.delete(botId);
    }
  }

  private async deliver(bot: BotRecord, update: Update): Promise<DeliveryOutcome> {
    let attempts = 0;
    let last: Attempt = { ok: false, status: null };
    for (let retry = 0; ; retry++) {
      // Read each time: setWebhook may change the URL or secret between attempts.
      const { url, secretToken } = bot.webhook;
      if (!url || this.stopping.signal.aborted) return outcome("pending", attempts, last.status, last.error);
      attempts++;
      last = await this.post(url, secretToken, update);
      if (this.stopping.signal.aborted) return outcome("pending", attempts, last.status, last.error);
      if (last.ok) return outcome("delivered", attempts, last.status);
      bot.webhook.lastErrorDate = nowSeconds();
      bot.webhook.lastErrorMessage = last.error;
      this.state.changed();
      const delay = this.options.retryDelaysMs[retry];
      if (delay === undefined) return outcome("failed", attempts, last.status, last.error);
      await sleep(delay, this.stopping.signal);
    }
  }

  private async post(url: string, secretToken: string | undefined, update: Update): Promise<Attempt> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (secretToken) headers["x-telegram-bot-api-secret-token"] = secretToken;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        redirect: "manual", // Telegram does not follow redirects either
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      await response.arrayBuffer().catch(() => undefined); // read to the end so the connection is reused
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
      const reason = STATUS_CODES[response.status] ?? response.statusText;
      return { ok: false, status: response.status, error: `Wrong response from the webhook: ${response.status} ${reason}` };
    } catch (error) {
      return { ok: false, status: null, error: networkErrorMessage(error) };
    }
  }
}

import type { Database } from "@/db/client";
import { eventBus } from "@/server/events/bus";
import { createBotClients, type BotClients } from "./bot-clients";
import { claimDueMessages, countDueMessages, type ClaimedMessage } from "./claim";
import { releaseClaim } from "./record-outcome";
import { sendClaimedMessage, type Log } from "./send-message";

export type OutboxWorkerOptions = {
  db: Database;
  /** One line per problem; never a token or a message body. Default console.log. */
  log?: Log;
  /** Safety-net claim interval (send_after now due, leases of crashed senders expired). Default 3 s. */
  pollMs?: number;
  /** How long a claim lasts before another sender may take it over. Default 2 min. */
  leaseMs?: number;
  /** Messages sent at the same time (each to a different chat). Default 8. */
  concurrency?: number;
  /** Claims a transient failure (network, 5xx, 429) may use before the message is failed. Default 5. */
  maxAttempts?: number;
  /** Wait before attempt n+1 after n transient failures; the last entry repeats. */
  backoffMs?: number[];
  /** Least time between two messages to one chat. Default 1 s. */
  chatPaceMs?: number;
  /** On stop, how long in-flight sends may finish before they are abandoned and their claims handed back. Default 10 s. */
  stopGraceMs?: number;
  /** Bot API base URL; default TELEGRAM_API_ROOT. */
  apiRoot?: string;
  clients?: BotClients;
  /** Send only these projects' messages (tests sharing one database); default all. */
  onlyProjects?: string[];
};

export type OutboxWorker = {
  /** Stops claiming, lets in-flight sends finish (or hands their claims back after the grace period). */
  stop(): Promise<void>;
  /** Resolves once nothing due is left and nothing is in flight (for tests). */
  drain(): Promise<void>;
};

const DEFAULT_BACKOFF_MS = [5_000, 30_000, 120_000, 600_000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The error's message for the log, with anything shaped like a bot token blanked out. */
function safeMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\d{5,}:[\w-]{30,}/g, "<token>");
}

/**
 * Sends queued outgoing messages. Several instances may run against one database: claims are atomic,
 * a chat's messages go out one at a time in order, and a crashed instance's claims are taken over
 * after the lease. Wakes on the bus's outbox.queued events, polls as a safety net, never throws.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, onlyProjects } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const leaseMs = options.leaseMs ?? 120_000;
  const concurrency = options.concurrency ?? 8;
  const chatPaceMs = options.chatPaceMs ?? 1000;
  const backoff = options.backoffMs?.length ? options.backoffMs : DEFAULT_BACKOFF_MS;
  const clients = options.clients ?? createBotClients(db, { apiRoot: options.apiRoot });
  const abandon = new AbortController();
  const sendDeps = {
    db,
    clients,
    log,
    maxAttempts: options.maxAttempts ?? 5,
    backoffMs: (attempts: number) => backoff[Math.min(attempts, backoff.length) - 1] ?? 0,
    signal: abandon.signal,
    // An attempt ends well inside the lease, so no other sender takes over a message still in flight.
    attemptTimeoutMs: Math.max(1, Math.floor(leaseMs * 0.8)),
  };

  const inFlight = new Set<Promise<void>>();
  const wakeTimers = new Set<NodeJS.Timeout>();
  let claiming: Promise<void> | null = null;
  let again = false;
  let stopping = false;

  function send(message: ClaimedMessage) {
    const sending: Promise<void> = sendClaimedMessage(sendDeps, message)
      .then((result) => {
        if (result.outcome === "requeued" && result.retryInMs !== undefined) wakeAfter(result.retryInMs);
        if (result.outcome === "failed") log(`outbox: message ${message.id} failed (see its delivery error in the console)`);
      })
      .catch((error) => log(`outbox: message ${message.id}: ${safeMessage(error)}; its claim is taken over after the lease`))
      .finally(() => {
        inFlight.delete(sending);
        wake(); // the chat's next message may be due now, and a slot is free
      });
    inFlight.add(sending);
  }

  async function claimWhileDue() {
    while (again && !stopping) {
      again = false;
      const free = concurrency - inFlight.size;
      if (free <= 0) return; // a finishing send wakes the worker again
      let claimed: ClaimedMessage[];
      try {
        claimed = await claimDueMessages(db, { limit: free, leaseMs, chatPaceMs, onlyProjects });
      } catch (error) {
        log(`outbox: could not claim messages: ${safeMessage(error)}; trying again at the next poll`);
        return;
      }
      if (stopping) {
        await Promise.all(claimed.map((m) => releaseClaim(db, m).catch(() => {})));
        return;
      }
      claimed.forEach(send);
      if (claimed.length === free) again = true; // there may be more
    }
  }

  function wake() {
    if (stopping) return;
    again = true;
    claiming ??= claimWhileDue().finally(() => {
      claiming = null;
      if (again) wake(); // woken between the loop's last check and now
    });
  }

  function wakeAfter(ms: number) {
    const timer = setTimeout(() => {
      wakeTimers.delete(timer);
      wake();
    }, ms + 20);
    timer.unref();
    wakeTimers.add(timer);
  }

  const unsubscribe = eventBus().subscribe((event) => {
    // After a reconnect, queued events may have been missed: look now instead of at the next poll.
    if (event.type === "outbox.queued" || event.type === "bus.reconnected") wake();
  });
  const poll = setInterval(wake, options.pollMs ?? 3000);
  poll.unref();
  wake(); // whatever was queued before this instance started

  async function settled() {
    while (claiming || inFlight.size > 0) await Promise.all([claiming, ...inFlight]);
  }

  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        unsubscribe();
        clearInterval(poll);
        for (const timer of wakeTimers) clearTimeout(timer);
        await claiming;
        let graceTimer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, options.stopGraceMs ?? 10_000)));
        await Promise.race([Promise.all([...inFlight]), graceOver]);
        clearTimeout(graceTimer);
        if (inFlight.size > 0) abandon.abort();
        await settled();
      })();
      return stopped;
    },
    async drain() {
      for (;;) {
        await settled();
        const due = await countDueMessages(db, { leaseMs, onlyProjects });
        if (due === 0 && !claiming && inFlight.size === 0) return;
        if (stopping) return;
        wake();
        await sleep(25);
      }
    },
  };
}

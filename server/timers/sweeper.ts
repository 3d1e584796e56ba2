import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "@/db/client";
import type { TimerKind } from "@/db/schedule-timer";
import type { Kv } from "@/lib/kv/types";
import { sweepPresence } from "@/server/presence/sweep-presence";
import { claimDueTimers, retryTimerLater, settleTimers, type DueTimer } from "./claim-due-timers";
import { TIMER_HANDLERS, type TimerHandler } from "./handlers";
import { pruneTelegramUpdates } from "./prune-telegram-updates";
import { wakeWaitingQueues } from "./wake-waiting-queues";

type Log = (line: string) => void;

/** One sweeper at a time across every instance (and the cron route): whoever holds this KV lock sweeps. */
export const SWEEPER_LOCK_KEY = "timers:sweeper";
/** Pruning scans a table without an index on its age, so it runs at most this often. */
const PRUNE_KEY = "timers:pruned-recently";
const PRUNE_EVERY_MS = 10 * 60_000;
/** A handler that keeps failing for this long is given up (and logged). */
const GIVE_UP_AFTER_MS = 24 * 3_600_000;

export type SweepResult = {
  /** False when another instance held the lock (or the KV was unreachable): nothing was done. */
  ran: boolean;
  /** claimed = acted + stale (the condition no longer held) + failed (put back for a later retry). */
  timers: { claimed: number; acted: number; stale: number; failed: number };
  presence: "swept" | "failed" | "skipped";
  /** Projects whose long-waiting queue was woken (safety net). */
  queuesWoken: number;
  updatesPruned: number;
};

export type SweepOptions = {
  /** Replace handlers (tests). */
  handlers?: Partial<Record<TimerKind, TimerHandler>>;
  /** Timers claimed per statement (default 100) and batches per tick at most (default 20). */
  batchSize?: number;
  maxBatches?: number;
  /** How long the lock lasts without renewal (default 30 s); it is renewed after every step. */
  lockTtlMs?: number;
  /**
   * How long a claimed timer is kept from other sweepers (default 120 s): a sweeper that dies before
   * settling it leaves it due again once the lease runs out.
   */
  leaseSeconds?: number;
  /** A failed timer is due again after this many seconds (default 30). */
  retryDelaySeconds?: number;
  /** This sweeper's name in the lock (default: host, pid and a random id). */
  owner?: string;
  /**
   * Tests that share one database: only these workspaces' timers and queues. The presence sweep and
   * the prune, which cannot be scoped, are skipped.
   */
  onlyWorkspaces?: string[];
  log?: Log;
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sweeperName(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}

/**
 * One tick: under the KV lock, fires due timers (claimed in batches under a lease and removed once
 * handled, each handler on its own; a failing one is logged and retried later), sends members whose console presence expired Offline, wakes routing for
 * queues nobody looked at for a while, and prunes old webhook dedup rows now and then.
 */
export async function sweepOnce(db: Database, kv: Kv, options: SweepOptions = {}): Promise<SweepResult> {
  const log = options.log ?? console.error;
  const owner = options.owner ?? sweeperName();
  const ttlMs = options.lockTtlMs ?? 30_000;
  const scoped = options.onlyWorkspaces;
  const result: SweepResult = {
    ran: false,
    timers: { claimed: 0, acted: 0, stale: 0, failed: 0 },
    presence: "skipped",
    queuesWoken: 0,
    updatesPruned: 0,
  };

  try {
    if (!(await kv.acquireLock(SWEEPER_LOCK_KEY, owner, ttlMs))) return result;
  } catch (error) {
    log(`[timers] could not take the sweeper lock, skipping this tick: ${messageOf(error)}`);
    return result;
  }
  result.ran = true;
  // A sweeper paused for longer than the TTL may have lost the lock to another: it then stops between steps.
  const renew = () => kv.extendLock(SWEEPER_LOCK_KEY, owner, ttlMs).catch(() => false);

  try {
    result.timers = await fireDueTimers(db, { ...options, log, renew });

    if (!scoped && (await renew())) {
      try {
        await sweepPresence(db, kv);
        result.presence = "swept";
      } catch (error) {
        result.presence = "failed";
        log(`[timers] presence sweep failed: ${messageOf(error)}`);
      }
    }

    if (await renew()) {
      result.queuesWoken = await wakeWaitingQueues(db, scoped).catch((error: unknown) => {
        log(`[timers] waking waiting queues failed: ${messageOf(error)}`);
        return 0;
      });
    }

    if (!scoped && (await renew()) && (await kv.set(PRUNE_KEY, owner, { nx: true, ttlMs: PRUNE_EVERY_MS }))) {
      result.updatesPruned = await pruneTelegramUpdates(db).catch((error: unknown) => {
        log(`[timers] pruning old webhook updates failed: ${messageOf(error)}`);
        return 0;
      });
    }
  } finally {
    await kv.releaseLock(SWEEPER_LOCK_KEY, owner).catch((error: unknown) => {
      log(`[timers] could not release the sweeper lock (it expires by itself): ${messageOf(error)}`);
    });
  }
  return result;
}

async function fireDueTimers(
  db: Database,
  options: SweepOptions & { log: Log; renew: () => Promise<boolean> },
): Promise<SweepResult["timers"]> {
  const handlers = { ...TIMER_HANDLERS, ...options.handlers };
  const batchSize = options.batchSize ?? 100;
  const counts = { claimed: 0, acted: 0, stale: 0, failed: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const due = await claimDueTimers(db, batchSize, options.onlyWorkspaces, options.leaseSeconds);
    counts.claimed += due.length;
    const done: DueTimer[] = [];
    for (const timer of due) {
      try {
        if (await handlers[timer.kind](db, timer)) counts.acted++;
        else counts.stale++;
        done.push(timer);
      } catch (error) {
        counts.failed++;
        if (await putBack(db, timer, error, options)) continue;
        done.push(timer);
      }
    }
    // Settled per batch (one statement): should that fail, the timers are due again when their lease runs out.
    await settleTimers(db, done).catch((error: unknown) => {
      options.log(
        `[timers] could not remove ${done.length} handled timer(s), they run again after the lease: ${messageOf(error)}`,
      );
    });
    if (due.length < batchSize || !(await options.renew())) break;
  }
  return counts;
}

/** Schedules a failed timer's retry; false when it is given up (to be removed with the handled ones). */
async function putBack(db: Database, timer: DueTimer, error: unknown, options: SweepOptions & { log: Log }): Promise<boolean> {
  const subject = [timer.sessionId && `session ${timer.sessionId}`, timer.userId && `user ${timer.userId}`].filter(Boolean);
  const what = `${timer.kind} timer (${subject.join(", ")})`;
  if (Date.now() - timer.createdAt.getTime() > GIVE_UP_AFTER_MS) {
    options.log(`[timers] ${what} failed for over a day, giving up: ${messageOf(error)}`);
    return false;
  }
  const delay = options.retryDelaySeconds ?? 30;
  options.log(`[timers] ${what} failed, retrying in ${delay} s: ${messageOf(error)}`);
  await retryTimerLater(db, timer, delay).catch((retryError: unknown) => {
    // The database is down: the timer is still leased, so it is due again when the lease runs out.
    options.log(`[timers] could not reschedule the ${what}, it runs again after the lease: ${messageOf(retryError)}`);
  });
  return true;
}

export type Sweeper = { stop(): Promise<void> };

/**
 * Sweeps every `intervalMs` (the next tick is timed from the end of the previous one, so ticks never
 * overlap in one process; the KV lock keeps other instances out). `intervalMs` 0 starts nothing: use
 * the cron route then.
 */
export function startSweeper({
  db,
  kv,
  intervalMs,
  log = console.error,
}: {
  db: Database;
  kv: Kv;
  intervalMs: number;
  log?: Log;
}): Sweeper {
  if (intervalMs <= 0) return { stop: async () => {} };
  const owner = sweeperName();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };
  function tick() {
    current = sweepOnce(db, kv, { owner, log })
      .then(() => undefined)
      .catch((error: unknown) => log(`[timers] sweep failed: ${messageOf(error)}`))
      .finally(() => {
        if (!stopped) schedule(intervalMs);
      });
  }
  schedule(Math.min(intervalMs, 1_000));
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

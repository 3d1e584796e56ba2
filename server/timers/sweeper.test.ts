import { randomInt } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDatabase, database } from "@/db/client";
import { scheduleTimer, secondsFromNow } from "@/db/schedule-timer";
import { sessions, telegramUpdates, timers } from "@/db/schema";
import { createKv } from "@/lib/kv";
import { TEST_REDIS_URL, uniquePrefix, useKvBridge } from "@/lib/kv/test-fixtures";
import type { Kv } from "@/lib/kv/types";
import { eventually } from "@/server/testing/eventually";
import { claimDueTimers, type DueTimer } from "./claim-due-timers";
import type { TimerHandler } from "./handlers";
import { pruneTelegramUpdates } from "./prune-telegram-updates";
import { SWEEPER_LOCK_KEY, sweepOnce } from "./sweeper";
import { addAgent, addSession, addTimer, memberNow, seedDesk, sessionNow, timersOf } from "./test-fixtures";
import { wakeWaitingQueues } from "./wake-waiting-queues";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quiet = () => {};

/** Records every timer it is given; optionally slow, so two sweepers overlap. */
function recorder(delayMs = 0) {
  const seen: number[] = [];
  const handler: TimerHandler = async (_db, timer) => {
    seen.push(timer.id);
    if (delayMs) await sleep(delayMs);
    return true;
  };
  return { seen, handlers: { accept: handler, grace: handler, transfer: handler, first_response: handler, idle: handler } };
}

/** A desk with `count` due first-response timers. */
async function deskWithDueTimers(count: number) {
  const desk = await seedDesk();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const session = await addSession(desk);
    ids.push((await addTimer(desk, "first_response", { sessionId: session.id })).id);
  }
  return { desk, ids };
}

describe("sweeper", () => {
  const bridge = useKvBridge(TEST_REDIS_URL);
  /** The real Redis (through the bridge) when REDIS_URL is set, as in production; else the in-process store. */
  const freshKv = (): Kv =>
    createKv({
      prefix: uniquePrefix("sweeper"),
      upstash: TEST_REDIS_URL ? { url: bridge().url, token: bridge().token } : undefined,
    });

  it("two sweepers at once: one holds the lock, and every timer is handled exactly once", async () => {
    const { desk, ids } = await deskWithDueTimers(12);
    const kv = freshKv();
    const { seen, handlers } = recorder(20);
    const options = { handlers, onlyWorkspaces: [desk.workspaceId], batchSize: 5, log: quiet };

    const [a, b] = await Promise.all([
      sweepOnce(database(), kv, { ...options, owner: "instance-a" }),
      sweepOnce(database(), kv, { ...options, owner: "instance-b" }),
    ]);

    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(a.timers.claimed + b.timers.claimed).toBe(12);
    expect(seen.sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    expect(await timersOf(desk.workspaceId)).toEqual([]);
    // The lock is released at the end of the tick.
    expect(await kv.get(SWEEPER_LOCK_KEY)).toBeNull();
  });

  it("two instances claiming at once never get the same timer (SKIP LOCKED), even without the KV lock", async () => {
    const { desk, ids } = await deskWithDueTimers(40);
    const second = createDatabase(process.env.DATABASE_URL!, { max: 4 });
    try {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => claimDueTimers(i % 2 ? second.db : database(), 3, [desk.workspaceId])),
      );
      const more = await Promise.all([
        claimDueTimers(database(), 100, [desk.workspaceId]),
        claimDueTimers(second.db, 100, [desk.workspaceId]),
      ]);
      const claimed = [...claims, ...more].flat().map((t) => t.id);
      expect(claimed.sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    } finally {
      await second.sql.end();
    }
  });

  it("waits while another instance holds the lock, and touches nothing", async () => {
    const { desk } = await deskWithDueTimers(2);
    const kv = freshKv();
    await kv.acquireLock(SWEEPER_LOCK_KEY, "someone-else", 10_000);
    const { seen, handlers } = recorder();
    const result = await sweepOnce(database(), kv, { handlers, onlyWorkspaces: [desk.workspaceId], log: quiet });
    expect(result.ran).toBe(false);
    expect(seen).toEqual([]);
    expect(await timersOf(desk.workspaceId)).toHaveLength(2);
    expect(await kv.get(SWEEPER_LOCK_KEY)).toBe("someone-else");
  });

  it("a failing handler is logged and its timer retried on a later tick, not lost", async () => {
    const { desk, ids } = await deskWithDueTimers(1);
    const kv = freshKv();
    const lines: string[] = [];
    let calls = 0;
    const flaky: TimerHandler = async () => {
      calls++;
      if (calls === 1) throw new Error("database hiccup");
      return true;
    };
    const options = {
      handlers: { first_response: flaky },
      onlyWorkspaces: [desk.workspaceId],
      retryDelaySeconds: 0,
      log: (line: string) => lines.push(line),
    };

    const first = await sweepOnce(database(), kv, options);
    expect(first.timers).toEqual({ claimed: 1, acted: 0, stale: 0, failed: 1 });
    expect(lines.join("\n")).toMatch(/first_response timer .* failed, retrying in 0 s: database hiccup/);
    const [kept] = await timersOf(desk.workspaceId);
    expect(kept).toMatchObject({ id: ids[0], kind: "first_response" });
    // Due again (retry delay 0), not left with the lease.
    expect(kept!.dueAt.getTime()).toBeLessThan(Date.now() + 5_000);

    const second = await sweepOnce(database(), kv, options);
    expect(second.timers).toEqual({ claimed: 1, acted: 1, stale: 0, failed: 0 });
    expect(calls).toBe(2);
    expect(await timersOf(desk.workspaceId)).toEqual([]);
  });

  it("a timer claimed by a sweeper that died before handling it runs on the next sweep once the lease ran out", async () => {
    const { desk, ids } = await deskWithDueTimers(1);
    const kv = freshKv();
    const [orphan] = await claimDueTimers(database(), 10, [desk.workspaceId], 1);
    expect(orphan!.id).toBe(ids[0]);
    expect(orphan!.leasedUntil.getTime()).toBeGreaterThan(orphan!.dueAt.getTime());
    // The claiming sweeper "dies" here: the row stays, leased.
    expect((await timersOf(desk.workspaceId)).map((t) => [t.id, t.dueAt.getTime()])).toEqual([
      [orphan!.id, orphan!.leasedUntil.getTime()],
    ]);

    const { seen, handlers } = recorder();
    const options = { handlers, onlyWorkspaces: [desk.workspaceId], leaseSeconds: 1, log: quiet };
    const during = await sweepOnce(database(), kv, options);
    expect(during.timers.claimed).toBe(0);
    expect(seen).toEqual([]);

    // The lease ends by the database's clock: sweep until a sweep claims the timer.
    const after = await eventually(async () => {
      const sweep = await sweepOnce(database(), kv, options);
      return sweep.timers.claimed > 0 && sweep;
    });
    expect(after.timers).toEqual({ claimed: 1, acted: 1, stale: 0, failed: 0 });
    expect(seen).toEqual([orphan!.id]);
    expect(await timersOf(desk.workspaceId)).toEqual([]);
  });

  it("keeps a deadline set again while the timer was being handled, and hands the handler the original one", async () => {
    const { desk, ids } = await deskWithDueTimers(1);
    const [original] = await timersOf(desk.workspaceId);
    const received: DueTimer[] = [];
    const reschedule: TimerHandler = async (db, timer) => {
      received.push(timer);
      await db.transaction((tx) =>
        scheduleTimer(tx, {
          workspaceId: timer.workspaceId,
          kind: timer.kind,
          sessionId: timer.sessionId,
          dueAt: secondsFromNow(600),
        }),
      );
      return true;
    };

    const result = await sweepOnce(database(), freshKv(), {
      handlers: { first_response: reschedule },
      onlyWorkspaces: [desk.workspaceId],
      log: quiet,
    });

    expect(result.timers).toEqual({ claimed: 1, acted: 1, stale: 0, failed: 0 });
    expect(received.map((t) => t.dueAt.getTime())).toEqual([original!.dueAt.getTime()]);
    expect(received[0]!.leasedUntil.getTime()).toBeGreaterThan(Date.now());
    const [kept] = await timersOf(desk.workspaceId);
    expect(kept).toMatchObject({ id: ids[0], sessionId: original!.sessionId });
    expect((kept!.dueAt.getTime() - Date.now()) / 1000).toBeGreaterThan(590);
  });

  it("gives up a timer failing for over a day: logged and removed", async () => {
    const { desk } = await deskWithDueTimers(1);
    await database()
      .update(timers)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(timers.workspaceId, desk.workspaceId));
    const lines: string[] = [];
    const broken: TimerHandler = async () => {
      throw new Error("still broken");
    };
    const result = await sweepOnce(database(), freshKv(), {
      handlers: { first_response: broken },
      onlyWorkspaces: [desk.workspaceId],
      log: (line: string) => lines.push(line),
    });
    expect(result.timers).toEqual({ claimed: 1, acted: 0, stale: 0, failed: 1 });
    expect(lines.join("\n")).toMatch(/failed for over a day, giving up: still broken/);
    expect(await timersOf(desk.workspaceId)).toEqual([]);
  });

  it("the idle handler does not take its own lease for a moved deadline", async () => {
    const desk = await seedDesk();
    const agent = await addAgent(desk, { status: "available" });
    await addTimer(desk, "idle", { userId: agent });

    const result = await sweepOnce(database(), freshKv(), { onlyWorkspaces: [desk.workspaceId], log: quiet });

    expect(result.timers).toMatchObject({ claimed: 1, failed: 0 });
    expect(await memberNow(desk, agent)).toMatchObject({ status: "away", awayReason: "Idle", statusCause: "idle" });
    expect((await timersOf(desk.workspaceId)).filter((t) => t.kind === "idle")).toEqual([]);
  });

  it("fires real handlers and leaves timers that are not due yet", async () => {
    const desk = await seedDesk();
    const due = await addSession(desk);
    const later = await addSession(desk);
    await addTimer(desk, "first_response", { sessionId: due.id });
    await addTimer(desk, "first_response", { sessionId: later.id }, -600);

    const result = await sweepOnce(database(), freshKv(), { onlyWorkspaces: [desk.workspaceId], log: quiet });

    expect(result.timers).toEqual({ claimed: 1, acted: 1, stale: 0, failed: 0 });
    expect(result.presence).toBe("skipped");
    expect((await sessionNow(due.id)).escalatedAt).not.toBeNull();
    expect((await sessionNow(later.id)).escalatedAt).toBeNull();
    expect((await timersOf(desk.workspaceId)).map((t) => t.sessionId)).toEqual([later.id]);
  });
});

describe("safety net", () => {
  it("wakes routing for projects with a session waiting longer than 15 seconds, and only those", async () => {
    const stale = await seedDesk({ expiredPlan: true });
    const fresh = await seedDesk({ expiredPlan: true });
    const forgotten = await addSession(stale);
    await database()
      .update(sessions)
      .set({ queuedAt: sql`now() - interval '20 seconds'` })
      .where(eq(sessions.id, forgotten.id));
    await addSession(fresh);
    expect(await wakeWaitingQueues(database(), [stale.workspaceId, fresh.workspaceId])).toBe(1);
  });
});

describe("pruning webhook dedup rows", () => {
  it("deletes updates older than a week in batches and keeps recent ones", async () => {
    const bot = randomInt(1_000_000_000, 2 ** 47);
    const rows = (from: number, count: number, age: string) =>
      Array.from({ length: count }, (_, i) => ({
        botTelegramId: bot,
        updateId: from + i,
        kind: "message",
        receivedAt: sql`now() - ${age}::interval`,
      }));
    await database()
      .insert(telegramUpdates)
      .values([...rows(1, 7, "8 days"), ...rows(100, 3, "6 days")]);

    expect(await pruneTelegramUpdates(database(), { batch: 2, maxBatches: 100 })).toBeGreaterThanOrEqual(7);

    const left = await database()
      .select({ updateId: telegramUpdates.updateId })
      .from(telegramUpdates)
      .where(inArray(telegramUpdates.botTelegramId, [bot]));
    expect(left.map((r) => r.updateId).sort((a, b) => a - b)).toEqual([100, 101, 102]);
  });
});

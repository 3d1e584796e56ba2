import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { messages } from "@/db/schema";
import { testDb } from "@/db/test-helpers";
import { startBotApiSandbox } from "@/server/sandbox";
import type { BotApiSandbox } from "@/server/sandbox/types";
import { eventually } from "@/server/testing/eventually";
import { outboxRow, seedSandboxProject, testSenders, waitFor } from "./test-fixtures";

const db = testDb();
let sandbox: BotApiSandbox;
const senders = testSenders(() => ({ apiRoot: sandbox.url }));

beforeAll(async () => {
  sandbox = await startBotApiSandbox();
});
afterEach(() => senders.stopAll());
afterAll(() => sandbox?.close());

const rowsOf = (ids: number[]) => db.select().from(messages).where(inArray(messages.id, ids)).orderBy(messages.id);
const allSent = (rows: { delivery: string | null }[]) => rows.every((r) => r.delivery === "sent");

describe("the outbox worker", () => {
  it("sends on start whatever was queued while no sender ran (a restart loses nothing)", async () => {
    const project = await seedSandboxProject(sandbox);
    const [a, b] = [await project.customer(), await project.customer()];
    const first = senders.start([project.project.id], { pollMs: 20 });
    await first.drain();
    await first.stop();

    const ids = [await a.queue("one", { publish: true }), await b.queue("two"), await a.queue("three")];
    // Nothing happens to wait for: a stopped sender must stay silent. 200 ms is ten of its polls and
    // plenty for the outbox.queued event, either of which would wake a sender still running.
    await new Promise((r) => setTimeout(r, 200));
    expect((await rowsOf(ids)).map((r) => r.delivery)).toEqual(["queued", "queued", "queued"]); // nobody is sending

    // No event and no poll within the test: the new sender finds the backlog on start alone.
    senders.start([project.project.id], { pollMs: 60_000 });
    await eventually(async () => allSent(await rowsOf(ids)), 5_000); // "three" keeps the chat's one-second pace
    expect((await project.received(a.chatId)).map((m) => m.text)).toEqual(["one", "three"]);
    expect((await project.received(b.chatId)).map((m) => m.text)).toEqual(["two"]);
  });

  it("takes over a crashed sender's claim once its lease ran out, not before", async () => {
    const project = await seedSandboxProject(sandbox);
    const [crashedLongAgo, crashedJustNow] = [await project.customer(), await project.customer()];
    const stale = await crashedLongAgo.queue("stale claim");
    const fresh = await crashedJustNow.queue("fresh claim");
    const claimedAgo = (ms: number) => ({
      delivery: "sending" as const,
      attempts: 1,
      claimedAt: sql`now() - ${ms}::double precision * interval '1 millisecond'`,
    });
    await db.update(messages).set(claimedAgo(10_000)).where(eq(messages.id, stale));
    await db.update(messages).set(claimedAgo(0)).where(eq(messages.id, fresh));

    const worker = senders.start([project.project.id], { leaseMs: 2000, pollMs: 100 });
    await worker.drain();
    expect(await outboxRow(stale)).toMatchObject({ delivery: "sent", attempts: 2 });
    expect(await outboxRow(fresh)).toMatchObject({ delivery: "sending", attempts: 1 });

    const row = await waitFor(
      () => outboxRow(fresh),
      (r) => r.delivery === "sent",
      5000,
    );
    expect(row).toMatchObject({ delivery: "sent", attempts: 2 });
    expect((await project.received(crashedJustNow.chatId)).map((m) => m.text)).toEqual(["fresh claim"]);
  });

  it("with two senders on one database, sends every message exactly once and in order per chat", async () => {
    const project = await seedSandboxProject(sandbox);
    const chats = [await project.customer(), await project.customer(), await project.customer()];
    const ids: number[] = [];
    for (let i = 1; i <= 4; i++) for (const [c, chat] of chats.entries()) ids.push(await chat.queue(`chat ${c} message ${i}`));

    const one = senders.start([project.project.id], { concurrency: 2, pollMs: 100 });
    const two = senders.start([project.project.id], { concurrency: 2, pollMs: 100 });
    const rows = await waitFor(() => rowsOf(ids), allSent, 15_000);
    await Promise.all([one.drain(), two.drain()]);
    expect(allSent(rows)).toBe(true);

    for (const [c, chat] of chats.entries()) {
      const texts = (await project.received(chat.chatId)).map((m) => m.text);
      expect(texts).toEqual([1, 2, 3, 4].map((i) => `chat ${c} message ${i}`));
    }
    const sends = (await sandbox.calls(project.sandboxBot.id)).filter((c) => c.method === "sendMessage");
    expect(sends).toHaveLength(12);
    // Each sender throttles only its own calls; the chat's pace still holds across both.
    for (const chat of chats) {
      const at = sends.filter((c) => c.chatId === chat.chatId).map((c) => c.at);
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(900);
    }
  }, 30_000);

  it("keeps about a second between messages to one chat without holding other chats back", async () => {
    const project = await seedSandboxProject(sandbox);
    const [busy, other] = [await project.customer(), await project.customer()];
    const ids = [
      await busy.queue("first"),
      await busy.queue("second"),
      await busy.queue("third"),
      await other.queue("meanwhile"),
    ];

    await senders.start([project.project.id]).drain();
    expect(allSent(await rowsOf(ids))).toBe(true);

    const sends = (await sandbox.calls(project.sandboxBot.id)).filter((c) => c.method === "sendMessage");
    const toBusy = sends.filter((c) => c.chatId === busy.chatId).map((c) => c.at);
    const toOther = sends.filter((c) => c.chatId === other.chatId).map((c) => c.at);
    expect(toBusy).toHaveLength(3);
    expect(toBusy[1]! - toBusy[0]!).toBeGreaterThanOrEqual(900);
    expect(toBusy[2]! - toBusy[1]!).toBeGreaterThanOrEqual(900);
    expect(toBusy[2]! - toBusy[0]!).toBeGreaterThanOrEqual(1900);
    // The other chat's message went out alongside the busy chat's first, not after its queue.
    expect(Math.abs(toOther[0]! - toBusy[0]!)).toBeLessThan(500);
    expect((await project.received(busy.chatId)).map((m) => m.text)).toEqual(["first", "second", "third"]);
  });

  it("wakes on the bus's outbox.queued event instead of waiting for the next poll", async () => {
    const project = await seedSandboxProject(sandbox);
    const chat = await project.customer();
    const worker = senders.start([project.project.id], { pollMs: 60_000 });
    await worker.drain();

    const started = Date.now();
    const id = await chat.queue("Right away", { publish: true });
    const row = await waitFor(
      () => outboxRow(id),
      (r) => r.delivery === "sent",
      3000,
    );
    expect(row.delivery).toBe("sent");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stops cleanly: a send still waiting on Telegram is handed back, and the next sender delivers it once", async () => {
    const project = await seedSandboxProject(sandbox);
    const chat = await project.customer();
    await sandbox.fail(project.sandboxBot.id, { method: "sendMessage", errorCode: 429, retryAfter: 30 });
    const id = await chat.queue("Sorry for the wait");

    const first = senders.start([project.project.id], { stopGraceMs: 200 });
    await waitFor(
      () => sandbox.calls(project.sandboxBot.id),
      (calls) => calls.some((c) => c.errorCode === 429),
    );
    const stopping = Date.now();
    await first.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
    expect(await outboxRow(id)).toMatchObject({ delivery: "queued", claimedAt: null });

    await senders.start([project.project.id]).drain();
    expect(await outboxRow(id)).toMatchObject({ delivery: "sent" });
    expect((await project.received(chat.chatId)).map((m) => m.text)).toEqual(["Sorry for the wait"]);
  });
});

import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { messages } from "@/db/schema";
import { testDb } from "@/db/test-helpers";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { claimDueMessages, countDueMessages } from "./claim";
import { markSent } from "./record-outcome";
import { addChat } from "./test-fixtures";

const db = testDb();
const LEASE = 60_000;

describe("claimDueMessages", () => {
  let seeded: Awaited<ReturnType<typeof seedConnectedProject>>;
  // Other test files share the database: claim only this test's project.
  const claim = (limit = 50) => claimDueMessages(db, { limit, leaseMs: LEASE, onlyProjects: [seeded.project.id] });

  beforeEach(async () => {
    seeded = await seedConnectedProject();
  });

  it("claims only the oldest unfinished message of each chat, in id order", async () => {
    const a = await addChat(seeded);
    const b = await addChat(seeded);
    const a1 = await a.queue("a1");
    const b1 = await b.queue("b1");
    const a2 = await a.queue("a2");

    const first = await claim();
    expect(first.map((m) => m.id)).toEqual([a1, b1]);
    expect(first[0]).toMatchObject({ chatId: a.chatId, kind: "text", text: "a1", attempts: 1, paceWaitMs: 0 });
    const [row] = await db.select().from(messages).where(eq(messages.id, a1));
    expect(row).toMatchObject({ delivery: "sending", attempts: 1 });
    expect(row!.claimedAt).toBeInstanceOf(Date);

    // a2 waits while a1 is still being sent.
    expect(await claim()).toEqual([]);

    await markSent(db, first[0]!, 501);
    const next = await claim();
    expect(next.map((m) => m.id)).toEqual([a2]);
    // a1 left just now, so a2 waits out the chat's pace (about a second).
    expect(next[0]!.paceWaitMs).toBeGreaterThan(500);
    expect(next[0]!.paceWaitMs).toBeLessThanOrEqual(1000);
  });

  it("leaves messages whose send_after is still ahead, and takes over a claim older than the lease", async () => {
    const chat = await addChat(seeded);
    const later = await chat.queue("later");
    await db
      .update(messages)
      .set({ sendAfter: sql`now() + interval '1 hour'` })
      .where(eq(messages.id, later));
    expect(await claim()).toEqual([]);

    await db
      .update(messages)
      .set({ sendAfter: sql`now() - interval '1 second'` })
      .where(eq(messages.id, later));
    const [claimed] = await claim();
    expect(claimed?.id).toBe(later);

    // Still within the lease: nobody else may take it.
    expect(await claim()).toEqual([]);
    await db
      .update(messages)
      .set({ claimedAt: sql`now() - interval '2 minutes'` })
      .where(eq(messages.id, later));
    const [takenOver] = await claim();
    expect(takenOver).toMatchObject({ id: later, attempts: 2 });
  });

  it("never hands one message to two senders claiming at the same moment", async () => {
    const chats = await Promise.all(Array.from({ length: 12 }, () => addChat(seeded)));
    const ids = await Promise.all(chats.map((c, i) => c.queue(`m${i}`)));

    const rounds = await Promise.all(Array.from({ length: 6 }, () => claim(3)));
    const claimed = rounds.flat().map((m) => m.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.every((id) => ids.includes(id))).toBe(true);
    // SKIP LOCKED: senders do not wait for each other, and together they took (nearly) all twelve.
    expect(claimed.length).toBeGreaterThanOrEqual(9);
  });

  it("counts what a claim would take", async () => {
    const chat = await addChat(seeded);
    await chat.queue("one");
    await chat.queue("two");
    const scope = { leaseMs: LEASE, onlyProjects: [seeded.project.id] };
    expect(await countDueMessages(db, scope)).toBe(1); // the second waits behind the first
    await claim();
    expect(await countDueMessages(db, scope)).toBe(0);
  });
});

import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDatabase, database } from "@/db/client";
import { bots } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto/secret-box";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { handleTelegramWebhook } from "./handle-webhook";
import { deliver, newCustomer, storedRows, textUpdate, webhookRequest, type Seeded } from "./test-fixtures";

describe("POST /api/telegram/{botId}: who may deliver what", () => {
  let seed: Seeded;
  beforeAll(async () => {
    seed = await seedConnectedProject();
  });

  it("stores an update from Telegram (right secret) and answers 200 {ok:true}", async () => {
    const before = await storedRows(seed);
    const response = await deliver(seed, textUpdate(newCustomer(), "hello"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    const after = await storedRows(seed);
    expect(after.messages - before.messages).toBe(1);
    expect(after.updates - before.updates).toBe(1);
  });

  it.each([
    ["missing", () => null],
    ["empty", () => ""],
    ["forged", () => "not-the-secret"],
    ["almost right", (real: string) => real.slice(0, -1) + (real.endsWith("A") ? "B" : "A")],
    ["right with a suffix", (real: string) => `${real}x`],
  ])("answers 401 to a %s secret and stores nothing", async (_label, secretFor) => {
    const before = await storedRows(seed);
    const response = await deliver(seed, textUpdate(newCustomer(), "let me in"), { secret: secretFor(seed.secret) });
    expect(response.status).toBe(401);
    expect(await storedRows(seed)).toEqual(before);
  });

  it("answers 401 to the secret of another bot", async () => {
    const other = await seedConnectedProject();
    const response = await deliver(seed, textUpdate(newCustomer(), "cross-tenant"), { secret: other.secret });
    expect(response.status).toBe(401);
    expect((await storedRows(other)).messages).toBe(0);
  });

  it("answers 401 before reading the body: a forged request with a huge or broken body is still 401", async () => {
    const big = "x".repeat(2 * 1024 * 1024);
    expect((await handleTelegramWebhook(webhookRequest(big, { secret: "nope" }), seed.bot.id)).status).toBe(401);
    expect((await handleTelegramWebhook(webhookRequest("{not json", { secret: "nope" }), seed.bot.id)).status).toBe(401);
  });

  it("answers 404 to an unknown bot, a non-uuid id, and a deleted bot", async () => {
    const update = textUpdate(newCustomer(), "anyone there?");
    expect((await handleTelegramWebhook(webhookRequest(update, { secret: seed.secret }), randomUUID())).status).toBe(404);
    expect((await handleTelegramWebhook(webhookRequest(update, { secret: seed.secret }), "../../etc/passwd")).status).toBe(404);
    expect((await handleTelegramWebhook(webhookRequest(update, { secret: seed.secret }), "1 or 1=1")).status).toBe(404);

    const gone = await seedConnectedProject();
    await database().delete(bots).where(eq(bots.id, gone.bot.id));
    expect((await deliver(gone, update)).status).toBe(404);
  });

  it("answers 404 to a non-uuid bot id without asking the database", async () => {
    const unreachable = createDatabase("postgres://postgres@127.0.0.1:1/nowhere", { max: 1 });
    try {
      const request = webhookRequest(textUpdate(newCustomer(), "hi"), { secret: seed.secret });
      expect((await handleTelegramWebhook(request, "not-a-bot", { db: unreachable.db })).status).toBe(404);
      // The control: a uuid does reach the (unreachable) database.
      const again = webhookRequest(textUpdate(newCustomer(), "hi"), { secret: seed.secret });
      expect((await handleTelegramWebhook(again, randomUUID(), { db: unreachable.db, log: () => {} })).status).toBe(503);
    } finally {
      await unreachable.sql.end();
    }
  });

  it("accepts a secret rotated a moment ago although the old one is cached", async () => {
    const rotating = await seedConnectedProject();
    expect((await deliver(rotating, textUpdate(newCustomer(), "before"))).status).toBe(200); // caches the bot
    await database()
      .update(bots)
      .set({ webhookSecretHash: sha256Hex("new-secret") })
      .where(eq(bots.id, rotating.bot.id));
    expect((await deliver(rotating, textUpdate(newCustomer(), "after"), { secret: "new-secret" })).status).toBe(200);
    expect((await deliver(rotating, textUpdate(newCustomer(), "old"), { secret: rotating.secret })).status).toBe(401);
    expect((await storedRows(rotating)).messages).toBe(2);
  });

  it("answers 413 to a body over 1 MiB, declared or streamed, and stores nothing", async () => {
    const before = await storedRows(seed);
    const update = textUpdate(newCustomer(), "y".repeat(1024 * 1024));
    expect((await deliver(seed, update)).status).toBe(413);

    // No Content-Length: the limit applies while reading.
    const bytes = new TextEncoder().encode(JSON.stringify(textUpdate(newCustomer(), "z".repeat(1024 * 1024))));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = new Request(`http://localhost/api/telegram/${seed.bot.id}`, {
      method: "POST",
      headers: { "x-telegram-bot-api-secret-token": seed.secret },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.headers.get("content-length")).toBeNull();
    expect((await handleTelegramWebhook(streamed, seed.bot.id)).status).toBe(413);

    // A declared length over the limit is refused before reading anything.
    const declared = webhookRequest("{}", { secret: seed.secret, headers: { "content-length": String(5 * 1024 * 1024) } });
    expect((await handleTelegramWebhook(declared, seed.bot.id)).status).toBe(413);
    expect(await storedRows(seed)).toEqual(before);
  });

  it("accepts a text of Telegram's full size, just under the limit", async () => {
    const response = await deliver(seed, textUpdate(newCustomer(), "ü".repeat(4096)));
    expect(response.status).toBe(200);
  });

  it.each([
    ["malformed JSON", "{"],
    ["an empty body", ""],
    ["a JSON array", "[1,2,3]"],
    ["a JSON string", '"update"'],
    ["null", "null"],
    ["no update_id", JSON.stringify({ message: { text: "hi" } })],
    ["a negative update_id", JSON.stringify({ update_id: -1 })],
    ["a fractional update_id", JSON.stringify({ update_id: 1.5 })],
    ["an update_id as a string", JSON.stringify({ update_id: "12" })],
    ["an update_id beyond 2^53", '{"update_id": 9007199254740993}'],
    ["a message without a chat", JSON.stringify({ update_id: 77, message: { message_id: 1, date: 1 } })],
    ["invalid UTF-8", new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ])("answers 400 to %s and stores nothing", async (_label, body) => {
    const before = await storedRows(seed);
    const response = await deliver(seed, body);
    expect(response.status).toBe(400);
    expect(await storedRows(seed)).toEqual(before);
  });
});

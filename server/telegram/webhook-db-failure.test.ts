import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, database } from "@/db/client";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { handleTelegramWebhook } from "./handle-webhook";
import { deliver, newCustomer, projectMessages, storedRows, textUpdate, webhookRequest, type Seeded } from "./test-fixtures";

/**
 * A real database failure in the middle of the ingest transaction: a trigger that raises when a
 * message of one project (optionally of one author) is inserted, i.e. after the dedup row, the
 * contact and the session were already written in that transaction.
 */
async function failInsertsOfMessages(seed: Seeded, condition = "true") {
  const name = `fail_${randomBytes(6).toString("hex")}`;
  await database().execute(
    sql.raw(`
      create function ${name}() returns trigger language plpgsql as $$
      begin
        if new.project_id = '${seed.project.id}' and ${condition} then
          raise exception 'simulated outage while storing a message';
        end if;
        return new;
      end $$;
      create trigger ${name} before insert on messages for each row execute function ${name}();
    `),
  );
  return async () => {
    await database().execute(sql.raw(`drop trigger ${name} on messages; drop function ${name}();`));
  };
}

describe("a database failure during an update", () => {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it("answers 503, keeps nothing of the update, and Telegram's retry then stores it once", async () => {
    const seed = await seedConnectedProject();
    const customer = newCustomer();
    const update = textUpdate(customer, "a secret customer text");
    const restore = await failInsertsOfMessages(seed);
    cleanups.push(restore);

    const send = () => handleTelegramWebhook(webhookRequest(update, { secret: seed.secret }), seed.bot.id, { log });
    const failed = await send();
    expect(failed.status).toBe(503);
    // Rolled back as a whole: no dedup row, so the retry is not mistaken for a duplicate.
    expect(await storedRows(seed)).toEqual({ updates: 0, contacts: 0, sessions: 0, messages: 0, unhandled: 0 });
    expect((await send()).status).toBe(503);
    expect(logs.join("\n")).toContain("simulated outage while storing a message");
    expect(logs.join("\n")).toContain(String(update.update_id));
    expect(logs.join("\n")).not.toContain("a secret customer text");

    await restore();
    cleanups.pop();
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200); // and again: a duplicate
    expect(await storedRows(seed)).toEqual({ updates: 1, contacts: 1, sessions: 1, messages: 1, unhandled: 0 });
    expect((await projectMessages(seed)).map((m) => m.text)).toEqual(["a secret customer text"]);
  });

  it("rolls back the customer's /start when its welcome cannot be queued", async () => {
    const seed = await seedConnectedProject({ welcomeMessage: "Hello there" });
    const update = textUpdate(newCustomer(), "/start promo");
    const restore = await failInsertsOfMessages(seed, "new.author = 'bot'");
    cleanups.push(restore);

    expect((await deliver(seed, update)).status).toBe(503);
    expect(await storedRows(seed)).toMatchObject({ updates: 0, contacts: 0, messages: 0 });

    await restore();
    cleanups.pop();
    expect((await deliver(seed, update)).status).toBe(200);
    expect((await projectMessages(seed)).map((m) => [m.author, m.text])).toEqual([
      ["customer", "/start promo"],
      ["bot", "Hello there"],
    ]);
  });

  it("answers 503 when the database cannot be reached at all", async () => {
    const seed = await seedConnectedProject();
    const unreachable = createDatabase("postgres://postgres@127.0.0.1:1/nowhere", { max: 1 });
    try {
      const response = await handleTelegramWebhook(
        webhookRequest(textUpdate(newCustomer(), "hi"), { secret: seed.secret }),
        seed.bot.id,
        {
          db: unreachable.db,
          log,
        },
      );
      expect(response.status).toBe(503);
    } finally {
      await unreachable.sql.end();
    }
    // The failed lookup was not cached: the next delivery reaches the real database.
    expect((await deliver(seed, textUpdate(newCustomer(), "hi again"))).status).toBe(200);
  });
});

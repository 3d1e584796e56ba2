import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { contacts, messages } from "@/db/schema";
import { createBotApi } from "@/lib/bot-api";
import { startBotApiSandbox, type BotApiSandbox, type SandboxBotCreated } from "@/server/sandbox";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { startTelegramWebhookServer, type WebhookServer } from "@/server/testing/webhook-server";
import type { Seeded } from "./test-fixtures";

/** The Bot API sandbox delivers real webhook requests over HTTP to the real handler, as Telegram would. */
describe("webhook delivery from the Bot API sandbox", () => {
  let sandbox: BotApiSandbox;
  let server: WebhookServer;
  let sandboxBot: SandboxBotCreated;
  let seed: Seeded;

  beforeAll(async () => {
    sandbox = await startBotApiSandbox({ retryDelaysMs: [50, 50, 50] });
    server = await startTelegramWebhookServer();
    sandboxBot = await sandbox.createBot({ username: `webhook_${randomBytes(3).toString("hex")}_bot` });
    seed = await seedConnectedProject({ telegramId: sandboxBot.id, token: sandboxBot.token, welcomeMessage: "Hi from the desk" });
    const api = createBotApi(sandboxBot.token, { apiRoot: sandbox.url });
    await api.setWebhook(server.webhookUrl(seed.bot.id), {
      secret_token: seed.secret,
      allowed_updates: ["message", "edited_message"],
    });
  });

  afterAll(async () => {
    await sandbox?.close();
    await server?.close();
  });

  const customerMessages = (chatId: number) =>
    database()
      .select()
      .from(messages)
      .where(and(eq(messages.projectId, seed.project.id), eq(messages.chatId, chatId)))
      .orderBy(messages.id);

  it("customer 42 says hello: the message lands in the database", async () => {
    const receipt = await sandbox.customerSays(
      sandboxBot.id,
      { customer: { id: 42, firstName: "Ann", username: "ann_smith" }, text: "hello" },
      { wait: true },
    );
    expect(receipt.delivery).toMatchObject({ delivered: true, attempts: 1, lastStatus: 200 });
    const [message, ...more] = await customerMessages(42);
    expect(more).toHaveLength(0);
    expect(message).toMatchObject({ author: "customer", kind: "text", text: "hello", telegramMessageId: receipt.messageId });
    const [contact] = await database()
      .select()
      .from(contacts)
      .where(and(eq(contacts.projectId, seed.project.id), eq(contacts.telegramUserId, 42)));
    expect(contact).toMatchObject({ firstName: "Ann", username: "ann_smith" });
  });

  it("stores a photo's file id and caption, and a customer's edit", async () => {
    const photo = await sandbox.customerSays(
      sandboxBot.id,
      { customer: { id: 43, firstName: "Bo" }, photo: { caption: "broken" } },
      { wait: true },
    );
    expect(photo.delivery?.delivered).toBe(true);
    const text = await sandbox.customerSays(
      sandboxBot.id,
      { customer: { id: 43, firstName: "Bo" }, text: "it arrived brokne" },
      { wait: true },
    );
    await sandbox.customerEdits(
      sandboxBot.id,
      { customer: { id: 43, firstName: "Bo" }, messageId: text.messageId, text: "it arrived broken" },
      { wait: true },
    );

    const [stored, edited] = await customerMessages(43);
    const [sent] = await sandbox.transcript(sandboxBot.id, 43);
    expect(stored).toMatchObject({ kind: "photo", text: "broken", media: expect.objectContaining({ fileId: sent!.fileId }) });
    expect(edited).toMatchObject({
      text: "it arrived broken",
      editHistory: [expect.objectContaining({ text: "it arrived brokne" })],
    });
  });

  it("/start queues the welcome message", async () => {
    await sandbox.customerSays(sandboxBot.id, { customer: { id: 44, firstName: "Cy" }, text: "/start from_ads" }, { wait: true });
    expect((await customerMessages(44)).map((m) => [m.author, m.text, m.delivery])).toEqual([
      ["customer", "/start from_ads", null],
      ["bot", "Hi from the desk", "queued"],
    ]);
  });

  it("a delivery that failed in the database is retried by the sandbox and stored once", async () => {
    // Fails the first insert of this project's messages only: sequences are not rolled back.
    const name = `fail_once_${randomBytes(6).toString("hex")}`;
    await database().execute(
      sql.raw(`
        create sequence ${name}_seq;
        create function ${name}() returns trigger language plpgsql as $$
        begin
          -- Nested, so other projects' inserts (other test files) never draw from the sequence.
          if new.project_id = '${seed.project.id}' then
            if nextval('${name}_seq') = 1 then raise exception 'first attempt fails'; end if;
          end if;
          return new;
        end $$;
        create trigger ${name} before insert on messages for each row execute function ${name}();
      `),
    );
    try {
      const receipt = await sandbox.customerSays(
        sandboxBot.id,
        { customer: { id: 45, firstName: "Di" }, text: "are you there?" },
        { wait: true },
      );
      expect(receipt.delivery).toMatchObject({ delivered: true, attempts: 2, lastStatus: 200 });
    } finally {
      await database().execute(sql.raw(`drop trigger ${name} on messages; drop function ${name}(); drop sequence ${name}_seq;`));
    }
    expect((await customerMessages(45)).map((m) => m.text)).toEqual(["are you there?"]);
  });
});

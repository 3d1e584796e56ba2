import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { startBotApiSandbox, type BotApiSandbox } from "@/server/sandbox";
import { addMember } from "@/server/inbox/test-fixtures";
import { startOutboxWorker, type OutboxWorker } from "@/server/outbox/worker";
import { callerFor } from "@/server/testing/callers";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { startTelegramWebhookServer, type WebhookServer } from "@/server/testing/webhook-server";

let sandbox: BotApiSandbox;
let webhooks: WebhookServer;
let seeded: Awaited<ReturnType<typeof seedConnectedProject>>;
let worker: OutboxWorker;

beforeAll(async () => {
  sandbox = await startBotApiSandbox({ retryDelaysMs: [50, 50] });
  // Before anything reads env() in this file (it is parsed once): the console is "using the sandbox".
  process.env.TELEGRAM_SANDBOX_URL = sandbox.url;
  process.env.TELEGRAM_API_ROOT = sandbox.url;
  const bot = await sandbox.createBot({ username: "test_customer_bot" });
  seeded = await seedConnectedProject({ telegramId: bot.id, token: bot.token, welcomeMessage: "Welcome to the test desk!" });
  webhooks = await startTelegramWebhookServer();
  await new Api(bot.token, { apiRoot: sandbox.url }).setWebhook(webhooks.webhookUrl(seeded.bot.id), {
    secret_token: seeded.secret,
    allowed_updates: ["message", "edited_message"],
  });
  worker = startOutboxWorker({ db: database(), apiRoot: sandbox.url, log: () => {}, onlyProjects: [seeded.project.id] });
});

afterAll(async () => {
  await worker?.stop();
  await webhooks?.close();
  await sandbox?.close();
});

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() - started > timeoutMs) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("testCustomer (Bot API sandbox in use)", () => {
  it("is enabled and offers the projects whose bot is connected", async () => {
    const owner = callerFor(seeded.owner.id);
    expect(await owner.testCustomer.enabled({ workspaceId: seeded.workspace.id })).toBe(true);
    expect(await owner.testCustomer.projects({ workspaceId: seeded.workspace.id })).toEqual([
      { id: seeded.project.id, name: seeded.project.name, status: "active", botUsername: seeded.bot.username },
    ]);
  });

  it("writes to the bot as a customer: the message reaches the inbox, and the replies reach the customer's chat", async () => {
    const owner = callerFor(seeded.owner.id);
    const workspaceId = seeded.workspace.id;
    const customer = { id: 1_234_567_890, firstName: "Test customer" };

    const sent = await owner.testCustomer.send({ workspaceId, projectId: seeded.project.id, customer, text: "/start" });
    expect(sent).toEqual({ state: "delivered" });
    const welcomed = await eventually(
      () => owner.testCustomer.transcript({ workspaceId, projectId: seeded.project.id, customerId: customer.id }),
      (t) => t.length === 2,
    );
    expect(welcomed.map((m) => [m.from, m.text])).toEqual([
      ["customer", "/start"],
      ["bot", "Welcome to the test desk!"],
    ]);
    await owner.testCustomer.send({ workspaceId, projectId: seeded.project.id, customer, text: "Where is my order?" });

    const { sessions } = await owner.inbox.sessions({ workspaceId });
    const session = sessions.find((s) => s.customer.name === "Test customer");
    expect(session).toMatchObject({ lastMessagePreview: "Where is my order?", project: { id: seeded.project.id } });
    expect(session!.awaitingReplySince).not.toBeNull();

    await owner.inbox.reply({ workspaceId, sessionId: session!.id, text: "It ships today." });
    const transcript = await eventually(
      () => owner.testCustomer.transcript({ workspaceId, projectId: seeded.project.id, customerId: customer.id }),
      (t) => t.some((m) => m.text === "It ships today."),
    );
    expect(transcript.map((m) => [m.from, m.text])).toEqual([
      ["customer", "/start"],
      ["bot", "Welcome to the test desk!"],
      ["customer", "Where is my order?"],
      ["bot", "It ships today."],
    ]);
  });

  it("shows an empty chat for a customer who has not written yet", async () => {
    const owner = callerFor(seeded.owner.id);
    const transcript = await owner.testCustomer.transcript({
      workspaceId: seeded.workspace.id,
      projectId: seeded.project.id,
      customerId: 987_654,
    });
    expect(transcript).toEqual([]);
  });

  it("cannot write to another workspace's bot", async () => {
    const other = await seedConnectedProject();
    const stranger = callerFor(other.owner.id);
    await expect(
      stranger.testCustomer.send({
        workspaceId: other.workspace.id,
        projectId: seeded.project.id,
        customer: { id: 5, firstName: "Mallory" },
        text: "hi",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "This project has no connected bot. Connect one in Projects first." });
    await expect(
      stranger.testCustomer.transcript({
        workspaceId: seeded.workspace.id,
        projectId: seeded.project.id,
        customerId: 1_234_567_890,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "Workspace not found." });
  });

  it("says plainly when the project's bot is a real Telegram bot", async () => {
    const real = await seedConnectedProject(); // a bot id the sandbox does not know
    await expect(
      callerFor(real.owner.id).testCustomer.send({
        workspaceId: real.workspace.id,
        projectId: real.project.id,
        customer: { id: 7, firstName: "Tess" },
        text: "hi",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("real Telegram bot") });
  });

  it("validates the customer and the text", async () => {
    const owner = callerFor(seeded.owner.id);
    const base = { workspaceId: seeded.workspace.id, projectId: seeded.project.id };
    await expect(owner.testCustomer.send({ ...base, customer: { id: 0, firstName: "A" }, text: "hi" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      owner.testCustomer.send({ ...base, customer: { id: 2 ** 31 + 1, firstName: "A" }, text: "hi" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(owner.testCustomer.send({ ...base, customer: { id: 9, firstName: "  " }, text: "hi" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Give the test customer a name.",
    });
    await expect(owner.testCustomer.send({ ...base, customer: { id: 9, firstName: "A" }, text: " " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Write a message first (or /start).",
    });
  });

  it("is not offered to marketers", async () => {
    const marketer = callerFor(await addMember(seeded.workspace.id, "marketer"));
    await expect(marketer.testCustomer.projects({ workspaceId: seeded.workspace.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

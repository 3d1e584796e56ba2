import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bots } from "@/db/schema";
import { testDb } from "@/db/test-helpers";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { startBotApiSandbox } from "@/server/sandbox";
import type { BotApiSandbox } from "@/server/sandbox/types";
import { retryFailedMessage } from "./retry-failed";
import { outboxRow, seedSandboxProject, testSenders, waitFor } from "./test-fixtures";

const db = testDb();
let sandbox: BotApiSandbox;
const senders = testSenders(() => ({ apiRoot: sandbox.url }));
const sender = senders.start;

beforeAll(async () => {
  sandbox = await startBotApiSandbox();
});
afterEach(() => senders.stopAll());
afterAll(() => sandbox?.close());

describe("the outbox sender", () => {
  it("sends a queued reply: state sent with Telegram's message id, and the customer receives it", async () => {
    const project = await seedSandboxProject(sandbox);
    const chat = await project.customer();
    const heard: BusEvent[] = [];
    const unsubscribe = eventBus().subscribe((e) => heard.push(e));
    const id = await chat.queue("Hello Ada, your parcel left the warehouse today.");

    await sender([project.project.id]).drain();
    unsubscribe();

    const row = await outboxRow(id);
    expect(row).toMatchObject({ delivery: "sent", deliveryError: null, attempts: 1, claimedAt: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.telegramMessageId).toBeGreaterThan(0);
    expect(await project.received(chat.chatId)).toEqual([
      expect.objectContaining({
        kind: "text",
        text: "Hello Ada, your parcel left the warehouse today.",
        messageId: row.telegramMessageId,
      }),
    ]);
    expect(heard).toContainEqual({
      type: "message.updated",
      workspaceId: project.workspace.id,
      sessionId: chat.sessionId,
      messageId: id,
    });
    expect(heard).toContainEqual({ type: "session.updated", workspaceId: project.workspace.id, sessionId: chat.sessionId });
  });

  it("sends a photo and a document by Telegram file id, with their captions", async () => {
    const project = await seedSandboxProject(sandbox);
    const chat = await project.customer();
    await sandbox.customerSays(project.sandboxBot.id, { customer: { id: chat.chatId }, photo: { caption: "broken" } });
    await sandbox.customerSays(project.sandboxBot.id, {
      customer: { id: chat.chatId },
      document: { fileName: "invoice.txt", content: "total: 42" },
    });
    const files = (await sandbox.transcript(project.sandboxBot.id, chat.chatId)).filter((m) => m.fileId);
    const photo = files.find((m) => m.kind === "photo")!;
    const document = files.find((m) => m.kind === "document")!;

    const photoId = await chat.queue({ kind: "photo", fileId: photo.fileId!, caption: "Is this the one?" });
    const documentId = await chat.queue({ kind: "document", fileId: document.fileId!, caption: "Your corrected invoice" });
    await sender([project.project.id]).drain();

    expect(await outboxRow(photoId)).toMatchObject({ delivery: "sent" });
    expect(await outboxRow(documentId)).toMatchObject({ delivery: "sent" });
    const received = await project.received(chat.chatId);
    expect(received).toEqual([
      expect.objectContaining({ kind: "photo", caption: "Is this the one?" }),
      expect.objectContaining({ kind: "document", caption: "Your corrected invoice" }),
    ]);
  });

  it("honours Telegram's 429 retry_after and sends the message exactly once", async () => {
    const project = await seedSandboxProject(sandbox);
    const chat = await project.customer();
    await sandbox.fail(project.sandboxBot.id, { method: "sendMessage", errorCode: 429, retryAfter: 1 });
    const id = await chat.queue("Thanks for waiting.");

    await sender([project.project.id]).drain();

    expect(await outboxRow(id)).toMatchObject({ delivery: "sent", attempts: 1 });
    const sends = (await sandbox.calls(project.sandboxBot.id)).filter((c) => c.method === "sendMessage");
    expect(sends.map((c) => [c.ok, c.errorCode])).toEqual([
      [false, 429],
      [true, undefined],
    ]);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(1000);
    expect((await project.received(chat.chatId)).map((m) => m.text)).toEqual(["Thanks for waiting."]);
  });

  it("fails with Telegram's reason when the chat does not exist", async () => {
    const project = await seedSandboxProject(sandbox);
    const stranger = await project.customer({ writesFirst: false });
    const id = await stranger.queue("Hello?");
    await sender([project.project.id]).drain();
    expect(await outboxRow(id)).toMatchObject({
      delivery: "failed",
      deliveryError: "Telegram says: chat not found",
      sentAt: null,
    });
  });

  it("fails when the customer blocked the bot, and sends once retried after they unblock it", async () => {
    const project = await seedSandboxProject(sandbox);
    const chat = await project.customer();
    await sandbox.blockBot(project.sandboxBot.id, chat.chatId);
    const id = await chat.queue("We refunded your order.");
    // Slow polling: the retry below must reach the sender through the bus.
    const worker = sender([project.project.id], { pollMs: 60_000 });
    await worker.drain();
    expect(await outboxRow(id)).toMatchObject({ delivery: "failed", deliveryError: "The customer blocked the bot." });
    expect(await project.received(chat.chatId)).toEqual([]);

    await sandbox.unblockBot(project.sandboxBot.id, chat.chatId);
    await eventBus().publish(await retryFailedMessage(db, project.workspace.id, id));
    const row = await waitFor(
      () => outboxRow(id),
      (r) => r.delivery === "sent",
      3000,
    );
    expect(row).toMatchObject({ delivery: "sent", retried: true, deliveryError: null });
    expect((await project.received(chat.chatId)).map((m) => m.text)).toEqual(["We refunded your order."]);
  });

  it("fails when the project's bot was disconnected", async () => {
    const project = await seedSandboxProject(sandbox);
    const chat = await project.customer();
    const id = await chat.queue("Still there?");
    await db.delete(bots).where(eq(bots.id, project.bot.id));
    await sender([project.project.id]).drain();
    expect(await outboxRow(id)).toMatchObject({ delivery: "failed", deliveryError: "The project's bot is disconnected." });
  });

  it("queues again while Telegram cannot be reached, and fails after the last attempt", async () => {
    const project = await seedSandboxProject(sandbox);
    const chat = await project.customer();
    const id = await chat.queue("Can you hear me?");
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });

    const worker = sender([project.project.id], {
      apiRoot: `http://127.0.0.1:${closedPort}`,
      maxAttempts: 3,
      backoffMs: [800, 50],
    });
    const waiting = await waitFor(
      () => outboxRow(id),
      (r) => r.delivery === "queued" && r.attempts === 1,
    );
    expect(waiting.deliveryError).toBe("Could not reach Telegram; trying again.");
    expect(waiting.sendAfter).toBeInstanceOf(Date);

    const row = await waitFor(
      () => outboxRow(id),
      (r) => r.delivery === "failed",
    );
    await worker.drain();
    expect(row).toMatchObject({ delivery: "failed", attempts: 3, deliveryError: "Could not reach Telegram after 3 attempts." });
  });

  it("never logs a bot token or a message body", async () => {
    const project = await seedSandboxProject(sandbox);
    const chat = await project.customer();
    await sandbox.fail(project.sandboxBot.id, {
      method: "sendMessage",
      errorCode: 400,
      description: "Bad Request: message is too long",
    });
    const id = await chat.queue("secret body text 7731");
    await sender([project.project.id]).drain();
    expect(await outboxRow(id)).toMatchObject({ delivery: "failed", deliveryError: "Telegram says: message is too long" });
    expect(senders.logged.some((l) => l.includes(`message ${id}`))).toBe(true);
    const everything = senders.logged.join("\n");
    expect(everything).not.toContain(project.sandboxBot.token);
    expect(everything).not.toContain("secret body text");
  });
});

/** Delivery to a webhook like Telegram's: secret header, order, retries, allowed_updates, pending updates. */
import { Api } from "grammy";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "@/server/testing/eventually";
import { startBotApiSandbox, type BotApiSandbox, type SandboxBotCreated } from "./index";
import { startWebhookReceiver, type WebhookReceiver } from "./test-fixtures";

let sandbox: BotApiSandbox;
let receiver: WebhookReceiver;
let bot: SandboxBotCreated;
let api: Api;

beforeAll(async () => {
  sandbox = await startBotApiSandbox({ retryDelaysMs: [20, 20, 20] });
});
afterAll(() => sandbox.close());

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  bot = await sandbox.createBot();
  api = new Api(bot.token, { apiRoot: sandbox.url });
});
afterEach(() => receiver.close());

const ann = { id: 42, firstName: "Ann" };

describe("webhook delivery", () => {
  it("POSTs a real Telegram update as JSON with the secret header", async () => {
    await api.setWebhook(receiver.url, { secret_token: "hook-secret_1" });
    const receipt = await sandbox.customerSays(
      bot.id,
      {
        customer: { id: 42, firstName: "Ann", lastName: "Lee", username: "ann_lee", languageCode: "de" },
        text: "/start promo_7",
      },
      { wait: true },
    );
    expect(receipt.delivery).toMatchObject({ delivered: true, attempts: 1, lastStatus: 200, status: "delivered" });
    expect(receiver.received).toHaveLength(1);
    const [{ update, headers }] = receiver.received as [(typeof receiver.received)[0]];
    expect(headers["x-telegram-bot-api-secret-token"]).toBe("hook-secret_1");
    expect(headers["content-type"]).toBe("application/json");
    expect(update).toEqual({
      update_id: receipt.updateId,
      message: {
        message_id: receipt.messageId,
        from: { id: 42, is_bot: false, first_name: "Ann", last_name: "Lee", username: "ann_lee", language_code: "de" },
        chat: { id: 42, type: "private", first_name: "Ann", last_name: "Lee", username: "ann_lee" },
        date: expect.any(Number),
        text: "/start promo_7",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
  });

  it("sends no secret header when none was set", async () => {
    await api.setWebhook(receiver.url);
    await sandbox.customerSays(bot.id, { customer: ann, text: "hi" }, { wait: true });
    expect(receiver.received[0]!.headers["x-telegram-bot-api-secret-token"]).toBeUndefined();
  });

  it("retries after a 500 and then delivers", async () => {
    receiver.respondWith((_update, attempt) => (attempt < 3 ? 500 : 200));
    await api.setWebhook(receiver.url, { secret_token: "s" });
    const receipt = await sandbox.customerSays(bot.id, { customer: ann, text: "are you there?" }, { wait: true });
    expect(receipt.delivery).toMatchObject({ delivered: true, attempts: 3, lastStatus: 200 });
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 200]);
    const info = await api.getWebhookInfo();
    expect(info.pending_update_count).toBe(0);
    expect(info.last_error_message).toBe("Wrong response from the webhook: 500 Internal Server Error");
  });

  it("gives an update up after the last retry and records the error like Telegram", async () => {
    receiver.respondWith(() => 503);
    await api.setWebhook(receiver.url);
    const receipt = await sandbox.customerSays(bot.id, { customer: ann, text: "lost" }, { wait: true });
    expect(receipt.delivery).toMatchObject({ delivered: false, status: "failed", attempts: 4, lastStatus: 503 });
    const info = await api.getWebhookInfo();
    expect(info.pending_update_count).toBe(0);
    expect(info.last_error_message).toBe("Wrong response from the webhook: 503 Service Unavailable");
    expect(info.last_error_date).toBeGreaterThan(0);
  });

  it("reports an unreachable webhook as a connection error", async () => {
    const closed = await startWebhookReceiver();
    await closed.close(); // its port is now free: nothing listens there
    await api.setWebhook(closed.url);
    const receipt = await sandbox.customerSays(bot.id, { customer: ann, text: "hello?" }, { wait: true });
    expect(receipt.delivery).toMatchObject({ delivered: false, status: "failed", lastStatus: null, error: "Connection refused" });
  });

  it("keeps the order: a failing update is retried before later ones go out", async () => {
    let firstFailures = 2;
    receiver.respondWith((update) => (update.message?.text === "one" && firstFailures-- > 0 ? 500 : 200));
    await api.setWebhook(receiver.url);
    for (const text of ["one", "two", "three", "four"]) await sandbox.customerSays(bot.id, { customer: ann, text });
    await eventually(() => receiver.received.filter((r) => r.status === 200).length === 4);
    expect(receiver.received.map((r) => `${r.update.message?.text}:${r.status}`)).toEqual([
      "one:500",
      "one:500",
      "one:200",
      "two:200",
      "three:200",
      "four:200",
    ]);
    const ids = receiver.received.filter((r) => r.status === 200).map((r) => r.update.update_id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it("honours allowed_updates: an update of another kind is skipped", async () => {
    await api.setWebhook(receiver.url, { allowed_updates: ["message"] });
    const first = await sandbox.customerSays(bot.id, { customer: ann, text: "typo heer" }, { wait: true });
    const edit = await sandbox.customerEdits(
      bot.id,
      { customer: ann, messageId: first.messageId, text: "typo here" },
      { wait: true },
    );
    expect(edit.delivery).toMatchObject({ delivered: false, status: "filtered" });
    const callback = await sandbox.sendRawUpdate(
      bot.id,
      { callback_query: { id: "1", from: { id: 42, is_bot: false, first_name: "Ann" }, chat_instance: "c", data: "x" } },
      { wait: true },
    );
    expect(callback.delivery?.status).toBe("filtered");
    await sandbox.customerSays(bot.id, { customer: ann, text: "after" }, { wait: true });
    expect(receiver.received.map((r) => Object.keys(r.update).filter((k) => k !== "update_id"))).toEqual([
      ["message"],
      ["message"],
    ]);

    // With both kinds allowed, the edit arrives as edited_message with edit_date.
    await api.setWebhook(receiver.url, { allowed_updates: ["message", "edited_message"] });
    await sandbox.customerEdits(bot.id, { customer: ann, messageId: first.messageId, text: "typo fixed" }, { wait: true });
    expect(receiver.received.at(-1)!.update.edited_message).toMatchObject({
      message_id: first.messageId,
      text: "typo fixed",
      edit_date: expect.any(Number),
    });
  });

  it("keeps updates pending without a webhook and delivers them once setWebhook is called", async () => {
    const early = await sandbox.customerSays(bot.id, { customer: ann, text: "anyone?" }, { wait: true });
    expect(early.delivery).toMatchObject({ delivered: false, status: "pending", attempts: 0 });
    await sandbox.customerSays(bot.id, { customer: ann, text: "hello??" });
    expect((await api.getWebhookInfo()).pending_update_count).toBe(2);
    expect((await sandbox.getBot(bot.id)).webhook.pendingUpdateCount).toBe(2);

    await api.setWebhook(receiver.url);
    await eventually(() => receiver.received.length === 2);
    expect(receiver.received.map((r) => r.update.message?.text)).toEqual(["anyone?", "hello??"]);
    expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it("deleteWebhook with drop_pending_updates forgets waiting updates", async () => {
    await sandbox.customerSays(bot.id, { customer: ann, text: "dropped" });
    await api.deleteWebhook({ drop_pending_updates: true });
    expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
    await api.setWebhook(receiver.url);
    await sandbox.customerSays(bot.id, { customer: ann, text: "kept" }, { wait: true });
    expect(receiver.received.map((r) => r.update.message?.text)).toEqual(["kept"]);
  });

  it("getUpdates hands pending updates out and forgets them once confirmed", async () => {
    await sandbox.customerSays(bot.id, { customer: ann, text: "polled" });
    const [update] = await api.getUpdates();
    expect(update?.message?.text).toBe("polled");
    expect(await api.getUpdates({ offset: update!.update_id + 1 })).toEqual([]);
    await api.setWebhook(receiver.url);
    const error = await api.getUpdates().catch((e: { error_code: number }) => e);
    expect(error).toMatchObject({ error_code: 409 });
  });
});

describe("customer media", () => {
  it("builds photo, document, voice, sticker, location and contact messages whose files download", async () => {
    await api.setWebhook(receiver.url);
    const kinds = [
      { photo: { caption: "broken box" } },
      { document: { fileName: "invoice.txt", content: "Invoice 17: 40 EUR" } },
      { voice: {} },
      { video: { caption: "unboxing" } },
      { sticker: { emoji: "😀" } },
      { location: { latitude: 52.52, longitude: 13.4 } },
      { contact: { phoneNumber: "+491701234567", firstName: "Ann" } },
    ];
    for (const kind of kinds) await sandbox.customerSays(bot.id, { customer: ann, ...kind }, { wait: true });
    const messages = receiver.received.map((r) => r.update.message!);
    expect(messages[0]!.photo!.length).toBeGreaterThan(0);
    expect(messages[0]!.caption).toBe("broken box");
    expect(messages[1]!.document).toMatchObject({ file_name: "invoice.txt", mime_type: "text/plain" });
    expect(messages[2]!.voice).toMatchObject({ mime_type: "audio/ogg", duration: expect.any(Number) });
    expect(messages[3]!.video).toMatchObject({ width: 640, height: 360 });
    expect(messages[4]!.sticker).toMatchObject({ emoji: "😀", type: "regular" });
    expect(messages[5]!.location).toEqual({ latitude: 52.52, longitude: 13.4 });
    expect(messages[6]!.contact).toEqual({ phone_number: "+491701234567", first_name: "Ann" });

    const document = await api.getFile(messages[1]!.document!.file_id);
    const text = await (await fetch(`${sandbox.url}/file/bot${bot.token}/${document.file_path}`)).text();
    expect(text).toBe("Invoice 17: 40 EUR");
    const photo = await api.getFile(messages[0]!.photo!.at(-1)!.file_id);
    const png = Buffer.from(await (await fetch(`${sandbox.url}/file/bot${bot.token}/${photo.file_path}`)).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe("PNG");

    const transcript = await sandbox.transcript(bot.id, 42);
    expect(transcript.map((m) => m.kind)).toEqual(["photo", "document", "voice", "video", "sticker", "location", "contact"]);
    expect(transcript[0]).toMatchObject({ caption: "broken box", fileId: messages[0]!.photo!.at(-1)!.file_id });
  });
});

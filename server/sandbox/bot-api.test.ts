/** The Bot API as grammY sees it: shapes, uploads, files, and Telegram's errors. */
import { Api, GrammyError, InputFile } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBotApiSandbox, type BotApiSandbox, type SandboxBotCreated } from "./index";

let sandbox: BotApiSandbox;
let bot: SandboxBotCreated;
let api: Api;

beforeAll(async () => {
  sandbox = await startBotApiSandbox();
});
afterAll(() => sandbox.close());

beforeEach(async () => {
  bot = await sandbox.createBot({ username: `shop_${Math.random().toString(36).slice(2, 10)}_bot`, firstName: "Shop" });
  api = new Api(bot.token, { apiRoot: sandbox.url });
});

/** The GrammyError a call fails with (the test fails if it succeeds). */
async function grammyError(call: Promise<unknown>): Promise<GrammyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

const customer = { id: 42, firstName: "Ann", lastName: "Lee", username: "ann_lee", languageCode: "en" };

describe("identity and tokens", () => {
  it("getMe answers the bot created through the control API", async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: bot.id, is_bot: true, username: bot.username, first_name: "Shop" });
    expect(Number.isSafeInteger(me.id) && me.id > 0 && me.id < 2 ** 52).toBe(true);
    expect(bot.token).toMatch(new RegExp(`^${bot.id}:[A-Za-z0-9_-]{35}$`));
  });

  it("refuses a forged or unknown token with 401 Unauthorized", async () => {
    const forged = new Api(`${bot.id}:${"A".repeat(35)}`, { apiRoot: sandbox.url });
    const error = await grammyError(forged.getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe("Unauthorized");
    const unknown = await grammyError(new Api("123:abc", { apiRoot: sandbox.url }).getMe());
    expect(unknown.error_code).toBe(401);
  });

  it("revokeToken invalidates the old token", async () => {
    const renewed = await sandbox.revokeToken(bot.id);
    expect(renewed.token).not.toBe(bot.token);
    expect((await grammyError(api.getMe())).error_code).toBe(401);
    expect((await new Api(renewed.token, { apiRoot: sandbox.url }).getMe()).id).toBe(bot.id);
  });

  it("answers 404 Not Found for a method it does not know", async () => {
    const response = await fetch(`${sandbox.url}/bot${bot.token}/sendDice`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });
});

describe("webhook registration", () => {
  it("setWebhook is reflected by getWebhookInfo and the control API", async () => {
    await api.setWebhook("http://127.0.0.1:9/api/telegram/x", {
      secret_token: "s3cr3t_-A",
      allowed_updates: ["message", "edited_message"],
    });
    const info = await api.getWebhookInfo();
    expect(info).toMatchObject({
      url: "http://127.0.0.1:9/api/telegram/x",
      pending_update_count: 0,
      allowed_updates: ["message", "edited_message"],
      has_custom_certificate: false,
    });
    expect((await sandbox.getBot(bot.id)).webhook).toMatchObject({ url: "http://127.0.0.1:9/api/telegram/x", hasSecret: true });
    await api.deleteWebhook();
    expect((await api.getWebhookInfo()).url).toBe("");
  });

  it("refuses a secret token with characters Telegram does not allow", async () => {
    const error = await grammyError(api.setWebhook("http://127.0.0.1:9/hook", { secret_token: "not allowed!" }));
    expect(error.error_code).toBe(400);
    expect(error.description).toBe("Bad Request: secret token contains unallowed characters");
  });
});

describe("sending", () => {
  beforeEach(async () => {
    await sandbox.customerSays(bot.id, { customer, text: "hello" });
  });

  it("sendMessage numbers messages in the chat's sequence and shows them in the transcript", async () => {
    const sent = await api.sendMessage(42, "Hi Ann, how can we help?");
    expect(sent).toMatchObject({
      message_id: 2,
      chat: { id: 42, type: "private", first_name: "Ann" },
      from: { id: bot.id, is_bot: true },
    });
    const transcript = await sandbox.transcript(bot.id, 42);
    expect(transcript.map((m) => [m.messageId, m.from, m.kind, m.text])).toEqual([
      [1, "customer", "text", "hello"],
      [2, "bot", "text", "Hi Ann, how can we help?"],
    ]);
  });

  it("refuses empty and too long texts like Telegram", async () => {
    expect((await grammyError(api.sendMessage(42, ""))).description).toBe("Bad Request: message text is empty");
    expect((await grammyError(api.sendMessage(42, "x".repeat(4097)))).description).toBe("Bad Request: message is too long");
    await api.sendMessage(42, "x".repeat(4096));
  });

  it("answers 400 chat not found for a customer who never wrote to the bot", async () => {
    const error = await grammyError(api.sendMessage(777, "hello?"));
    expect(error.error_code).toBe(400);
    expect(error.description).toBe("Bad Request: chat not found");
  });

  it("answers 403 once the customer blocked the bot, and logs the failed call", async () => {
    await sandbox.blockBot(bot.id, 42);
    const error = await grammyError(api.sendMessage(42, "still there?"));
    expect(error.error_code).toBe(403);
    expect(error.description).toBe("Forbidden: bot was blocked by the user");
    expect((await sandbox.calls(bot.id)).at(-1)).toMatchObject({ method: "sendMessage", chatId: 42, ok: false, errorCode: 403 });
  });

  it("fail() makes the next call answer 429 with retry_after, seen by grammY", async () => {
    await sandbox.fail(bot.id, { method: "sendMessage", errorCode: 429, retryAfter: 7 });
    const error = await grammyError(api.sendMessage(42, "one"));
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBe(7);
    expect(error.description).toBe("Too Many Requests: retry after 7");
    await api.sendMessage(42, "two"); // the fault was used up
    expect((await sandbox.transcript(bot.id, 42)).map((m) => m.text)).toEqual(["hello", "two"]);
  });

  it("sendPhoto uploads bytes that getFile and the file URL give back", async () => {
    const bytes = Buffer.from("a tiny picture, honestly");
    const sent = await api.sendPhoto(42, new InputFile(bytes, "receipt.jpg"), { caption: "your receipt" });
    expect(sent.caption).toBe("your receipt");
    const largest = sent.photo.at(-1)!;
    expect(largest).toMatchObject({ file_size: bytes.length });
    const file = await api.getFile(largest.file_id);
    expect(file.file_path).toMatch(/^photos\/file_\d+\.jpg$/);
    const download = await fetch(`${sandbox.url}/file/bot${bot.token}/${file.file_path}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    // The stored file_id can be sent again without uploading.
    const again = await api.sendPhoto(42, largest.file_id);
    expect(again.photo.at(-1)!.file_id).toBe(largest.file_id);
  });

  it("sendDocument keeps the file name and guesses the type", async () => {
    const sent = await api.sendDocument(42, new InputFile(Buffer.from("order,total\n1,10\n"), "orders.csv"));
    expect(sent.document).toMatchObject({ file_name: "orders.csv", mime_type: "text/csv", file_size: 17 });
    const error = await grammyError(api.getFile("no-such-file"));
    expect(error.description).toBe("Bad Request: invalid file_id");
  });

  it("takes standard multipart uploads with the file in the media field itself", async () => {
    for (const [method, field, mime] of [
      ["sendDocument", "document", "application/pdf"],
      ["sendVoice", "voice", "audio/ogg"],
      ["sendVideo", "video", "video/mp4"],
    ] as const) {
      const form = new FormData();
      form.set("chat_id", "42");
      form.set("caption", `a ${field}`);
      form.set(
        field,
        new Blob([Buffer.from(`${field} bytes`)], { type: mime }),
        `sample.${field === "document" ? "pdf" : "bin"}`,
      );
      const response = await fetch(`${sandbox.url}/bot${bot.token}/${method}`, { method: "POST", body: form });
      const body = (await response.json()) as { ok: boolean; result: Record<string, { file_id: string; file_size: number }> };
      expect(body.ok).toBe(true);
      expect(body.result[field]!.file_size).toBe(`${field} bytes`.length);
      const file = await api.getFile(body.result[field]!.file_id);
      expect(await (await fetch(`${sandbox.url}/file/bot${bot.token}/${file.file_path}`)).text()).toBe(`${field} bytes`);
    }
    expect((await sandbox.transcript(bot.id, 42)).map((m) => m.kind)).toEqual(["text", "document", "voice", "video"]);
  });

  it("copyMessage and forwardMessage repeat a customer's message", async () => {
    const copied = await api.copyMessage(42, 42, 1);
    expect(copied).toEqual({ message_id: 2 });
    const forwarded = await api.forwardMessage(42, 42, 1);
    expect(forwarded).toMatchObject({ message_id: 3, text: "hello", forward_origin: { type: "user", sender_user: { id: 42 } } });
    expect((await grammyError(api.copyMessage(42, 42, 99))).description).toBe("Bad Request: message to copy not found");
  });

  it("editMessageText keeps the original text in the transcript; deleteMessage removes it", async () => {
    const sent = await api.sendMessage(42, "Your order ships Monday");
    const edited = await api.editMessageText(42, sent.message_id, "Your order ships Tuesday");
    expect(edited).toMatchObject({ text: "Your order ships Tuesday", edit_date: expect.any(Number) });
    expect((await sandbox.transcript(bot.id, 42)).at(-1)).toMatchObject({
      text: "Your order ships Monday",
      editedText: "Your order ships Tuesday",
    });
    expect((await grammyError(api.editMessageText(42, 1, "not mine"))).description).toBe("Bad Request: message can't be edited");
    await api.deleteMessage(42, sent.message_id);
    expect((await sandbox.transcript(bot.id, 42)).map((m) => m.messageId)).toEqual([1]);
  });

  it("accepts form-encoded calls with parse_mode HTML and stores what the customer reads", async () => {
    const response = await fetch(`${sandbox.url}/bot${bot.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ chat_id: "42", text: "<b>Order</b> &amp; delivery", parse_mode: "HTML" }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { text: string } }).result.text).toBe("Order & delivery");
  });
});

describe("forum topics", () => {
  it("createForumTopic in a forum group returns the topic; messages can go to it", async () => {
    const { chatId } = await sandbox.createGroup(bot.id, { title: "Support team" });
    const topic = await api.createForumTopic(chatId, "Ann Lee");
    expect(topic).toEqual({ message_thread_id: expect.any(Number), name: "Ann Lee", icon_color: 7322096 });
    const sent = await api.sendMessage(chatId, "New session", { message_thread_id: topic.message_thread_id });
    expect(sent.message_thread_id).toBe(topic.message_thread_id);
    const error = await grammyError(api.sendMessage(chatId, "lost", { message_thread_id: 999 }));
    expect(error.description).toBe("Bad Request: message thread not found");
  });
});

describe("request limits", () => {
  it("answers 413 to a JSON body over 1 MB", async () => {
    const response = await fetch(`${sandbox.url}/bot${bot.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: 42, text: "x".repeat(1_100_000) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error_code: 413 });
  });
});

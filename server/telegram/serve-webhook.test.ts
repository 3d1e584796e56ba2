import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { startTelegramWebhookServer, type WebhookServer } from "@/server/testing/webhook-server";
import { SECRET_HEADER } from "./handle-webhook";
import { webhookBotIdOf } from "./serve-webhook";
import { newCustomer, storedRows, textUpdate, type Seeded } from "./test-fixtures";

describe("which requests the Node server answers as Telegram webhook deliveries", () => {
  it.each([
    ["POST", "/api/telegram/0f5b7a8e-2c1d-4e6f-9a0b-1c2d3e4f5a6b", "0f5b7a8e-2c1d-4e6f-9a0b-1c2d3e4f5a6b"],
    ["POST", "/api/telegram/abc?x=1", "abc"], // refused later as an unknown bot, with the handler's 404
    ["GET", "/api/telegram/abc", null],
    ["POST", "/api/telegram/abc/def", null],
    ["POST", "/api/telegram/", null],
    ["POST", "/api/trpc/inbox.list", null],
  ])("%s %s → %s", (method, url, botId) => {
    expect(webhookBotIdOf({ method, url })).toBe(botId);
  });
});

/** One raw HTTP request, so the test controls headers such as Content-Length and chunked bodies. */
function post(url: string, headers: Record<string, string>, chunks: string[]) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("POST /api/telegram/{botId} through the Node server's adapter", () => {
  let server: WebhookServer;
  let seed: Seeded;
  beforeAll(async () => {
    server = await startTelegramWebhookServer({ wake: async () => {} });
    seed = await seedConnectedProject();
  });
  afterAll(() => server?.close());

  it("stores an update sent in chunks and answers 200 with JSON and the security headers", async () => {
    const before = await storedRows(seed);
    const body = JSON.stringify(textUpdate(newCustomer(), "hello in pieces"));
    const answer = await post(
      server.webhookUrl(seed.bot.id),
      { "content-type": "application/json", [SECRET_HEADER]: seed.secret },
      [body.slice(0, 10), body.slice(10)],
    );
    expect(answer).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(answer.headers).toMatchObject({ "content-type": "application/json", "x-content-type-options": "nosniff" });
    expect((await storedRows(seed)).messages - before.messages).toBe(1);
  });

  it("refuses a wrong secret (401), an unknown bot (404), a body over 1 MiB (413) and a non-update (400), storing nothing", async () => {
    const before = await storedRows(seed);
    const update = JSON.stringify(textUpdate(newCustomer(), "nope"));
    const secret = { [SECRET_HEADER]: seed.secret };
    expect((await post(server.webhookUrl(seed.bot.id), { [SECRET_HEADER]: "forged" }, [update])).status).toBe(401);
    expect((await post(server.webhookUrl("not-a-bot"), secret, [update])).status).toBe(404);
    const big = "x".repeat(256 * 1024);
    expect((await post(server.webhookUrl(seed.bot.id), secret, [big, big, big, big, big])).status).toBe(413);
    expect((await post(server.webhookUrl(seed.bot.id), secret, ['{"hello":"world"}'])).status).toBe(400);
    expect(await storedRows(seed)).toEqual(before);
  });
});

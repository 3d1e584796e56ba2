/** The control API refuses bad input with 400 and a message a developer can act on. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxClient, startBotApiSandbox, type BotApiSandbox } from "./index";

let sandbox: BotApiSandbox;

beforeAll(async () => {
  sandbox = await startBotApiSandbox();
});
afterAll(() => sandbox.close());

async function post(path: string, body: string) {
  const response = await fetch(`${sandbox.url}/sandbox${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

describe("control API", () => {
  it("answers health", async () => {
    expect(await (await fetch(`${sandbox.url}/sandbox/health`)).json()).toMatchObject({ ok: true });
  });

  it("refuses a message with no content or two kinds of content", async () => {
    const bot = await sandbox.createBot();
    const empty = await post(`/bots/${bot.id}/customer-says`, JSON.stringify({ customer: { id: 1 } }));
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/exactly one of text, photo/);
    const both = await post(`/bots/${bot.id}/customer-says`, JSON.stringify({ customer: { id: 1 }, text: "a", photo: {} }));
    expect(both.status).toBe(400);
  });

  it("names the field that is wrong", async () => {
    const bot = await sandbox.createBot();
    const result = await post(`/bots/${bot.id}/customer-says`, JSON.stringify({ customer: { id: -5 }, text: "hi" }));
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/customer\.id/);
    const malformed = await post(`/bots/${bot.id}/customer-says`, "{oops");
    expect(malformed).toEqual({ status: 400, body: { error: "the body is not valid JSON" } });
  });

  it("answers 404 for an unknown bot and an unknown route", async () => {
    await expect(sandbox.customerSays(123456789, { customer: { id: 1 }, text: "hi" })).rejects.toMatchObject({ status: 404 });
    expect((await fetch(`${sandbox.url}/sandbox/nothing`)).status).toBe(404);
  });

  it("refuses raw updates that carry their own update_id", async () => {
    const bot = await sandbox.createBot();
    const result = await post(`/bots/${bot.id}/updates`, JSON.stringify({ update_id: 5, message: {} }));
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/update_id/);
  });

  it("refuses editing a message the customer never sent", async () => {
    const bot = await sandbox.createBot();
    await expect(sandbox.customerEdits(bot.id, { customer: { id: 1 }, messageId: 9, text: "x" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("refuses a duplicate bot username", async () => {
    await sandbox.createBot({ username: "unique_name_bot" });
    await expect(sandbox.createBot({ username: "Unique_Name_bot" })).rejects.toMatchObject({ status: 409 });
  });

  it("answers 413 for a body over 1 MB", async () => {
    const bot = await sandbox.createBot();
    const result = await post(
      `/bots/${bot.id}/customer-says`,
      JSON.stringify({ customer: { id: 1 }, text: "x".repeat(1_100_000) }),
    );
    expect(result.status).toBe(413);
  });

  it("lists chats with the blocked flag", async () => {
    const bot = await sandbox.createBot();
    await sandbox.customerSays(bot.id, { customer: { id: 7, firstName: "Bo", lastName: "Ek" }, text: "hej" });
    await sandbox.blockBot(bot.id, 7);
    expect(await sandbox.chats(bot.id)).toEqual([
      { id: 7, type: "private", title: "Bo Ek", blocked: true, messageCount: 1, lastMessageAt: expect.any(Number) },
    ]);
    await sandbox.unblockBot(bot.id, 7);
    expect((await sandbox.chats(bot.id))[0]!.blocked).toBe(false);
  });

  it("a client for a sandbox that is not running says so", async () => {
    const client = sandboxClient("http://127.0.0.1:1");
    await expect(client.health()).rejects.toThrow(/not reachable/);
  });
});

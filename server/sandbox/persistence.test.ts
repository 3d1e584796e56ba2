/** The state file: a restarted sandbox keeps its bots, tokens, webhooks, transcripts and pending updates. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "@/server/testing/eventually";
import { startBotApiSandbox } from "./index";
import { startWebhookReceiver } from "./test-fixtures";

let dir: string;
let stateFile: string;
const log: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "deskgram-sandbox-"));
  stateFile = path.join(dir, "nested", "sandbox.json");
  log.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const ann = { id: 42, firstName: "Ann" };

describe("state file", () => {
  it("survives a restart: bot, token, webhook, transcript and files", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const first = await startBotApiSandbox({ stateFile, log: (line) => log.push(line) });
      const bot = await first.createBot({ username: "demo_shop_bot" });
      const api = new Api(bot.token, { apiRoot: first.url });
      await api.setWebhook(receiver.url, { secret_token: "kept", allowed_updates: ["message"] });
      await first.customerSays(bot.id, { customer: ann, document: { fileName: "a.txt", content: "kept bytes" } }, { wait: true });
      await api.sendMessage(42, "We got your file");
      await first.close();
      expect((await readdir(path.dirname(stateFile))).filter((name) => name.endsWith(".tmp"))).toEqual([]);

      const second = await startBotApiSandbox({ stateFile, log: (line) => log.push(line) });
      const again = new Api(bot.token, { apiRoot: second.url });
      expect((await again.getMe()).username).toBe("demo_shop_bot");
      expect(await again.getWebhookInfo()).toMatchObject({ url: receiver.url, allowed_updates: ["message"] });
      expect((await second.transcript(bot.id, 42)).map((m) => [m.from, m.kind])).toEqual([
        ["customer", "document"],
        ["bot", "text"],
      ]);
      const fileId = receiver.received[0]!.update.message!.document!.file_id;
      const file = await again.getFile(fileId);
      expect(await (await fetch(`${second.url}/file/bot${bot.token}/${file.file_path}`)).text()).toBe("kept bytes");
      // Message ids continue the chat's sequence.
      expect((await again.sendMessage(42, "still here")).message_id).toBe(3);
      // Delivery still carries the secret.
      await second.customerSays(bot.id, { customer: ann, text: "after restart" }, { wait: true });
      expect(receiver.received.at(-1)!.headers["x-telegram-bot-api-secret-token"]).toBe("kept");
      await second.close();
      expect(log).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it("delivers updates that were pending at shutdown once it runs again", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const first = await startBotApiSandbox({ stateFile });
      const bot = await first.createBot();
      await first.customerSays(bot.id, { customer: ann, text: "while nobody listened" });
      await first.close();

      const second = await startBotApiSandbox({ stateFile });
      await new Api(bot.token, { apiRoot: second.url }).setWebhook(receiver.url);
      await eventually(() => receiver.received.length === 1);
      expect(receiver.received[0]!.update.message?.text).toBe("while nobody listened");
      await second.close();
    } finally {
      await receiver.close();
    }
  });

  it("moves a broken state file aside and starts empty", async () => {
    await mkdir(path.dirname(stateFile), { recursive: true });
    await writeFile(stateFile, "{ not json");
    const sandbox = await startBotApiSandbox({ stateFile, log: (line) => log.push(line) });
    expect(await sandbox.health()).toEqual({ ok: true, bots: 0 });
    const bot = await sandbox.createBot();
    await sandbox.close();
    expect(log.join("\n")).toMatch(/could not be read as sandbox state/);
    const names = await readdir(path.dirname(stateFile));
    expect(names.some((name) => name.startsWith("sandbox.json.broken-"))).toBe(true);
    expect(Object.keys(JSON.parse(await readFile(stateFile, "utf8")).bots)).toEqual([String(bot.id)]);
  });

  it("without a state file, a restart starts empty", async () => {
    const first = await startBotApiSandbox();
    const bot = await first.createBot();
    await first.close();
    const second = await startBotApiSandbox();
    await expect(second.getBot(bot.id)).rejects.toThrow(/no sandbox bot/);
    await second.close();
  });
});

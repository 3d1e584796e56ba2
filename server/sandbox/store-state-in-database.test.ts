/** The sandbox's state in PostgreSQL: bots, chats and files outlive a restart, so queued replies still go out. */
import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { outboxRow, seedSandboxProject, testSenders } from "@/server/outbox/test-fixtures";
import { eventually } from "@/server/testing/eventually";
import { startBotApiSandbox } from "./index";
import { databaseStateStore } from "./store-state-in-database";
import type { BotApiSandbox } from "./types";

const running: BotApiSandbox[] = [];
let apiRoot = "";
const senders = testSenders(() => ({ apiRoot }));

/** A sandbox on the test run's database; `port` restarts one where it was. */
async function start(port?: number) {
  const sandbox = await startBotApiSandbox({ port, stateStore: databaseStateStore(process.env.DATABASE_URL!) });
  running.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  await senders.stopAll();
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

const ada = { id: 4242, firstName: "Ada" };

describe("the sandbox with its state in the database", () => {
  it("sends a reply queued before a restart once it runs again, in the chat the customer started", async () => {
    const first = await start();
    apiRoot = first.url;
    const project = await seedSandboxProject(first);
    const chat = await project.customer();
    const id = await chat.queue("Queued before the restart");
    await first.close();

    const second = await start(Number(new URL(first.url).port));
    await senders.start([project.project.id], { backoffMs: [50] }).drain();
    expect(await outboxRow(id)).toMatchObject({ delivery: "sent" });
    expect((await second.transcript(project.sandboxBot.id, chat.chatId)).map((m) => [m.from, m.text])).toEqual([
      ["customer", "Hello, I need help"],
      ["bot", "Queued before the restart"],
    ]);
  });

  it("knows a new bot, its webhook and a customer's file at once, even if the first sandbox never closes", async () => {
    const first = await start();
    const bot = await first.createBot();
    await new Api(bot.token, { apiRoot: first.url }).setWebhook("http://127.0.0.1:9/hook", { secret_token: "kept" });
    const receipt = await first.customerSays(bot.id, { customer: ada, document: { fileName: "a.txt", content: "kept bytes" } });

    // A second sandbox on the same database, as after a crash of the first: no flush on close ran.
    const second = await start();
    const api = new Api(bot.token, { apiRoot: second.url });
    expect((await api.getMe()).username).toBe(bot.username);
    expect((await api.getWebhookInfo()).url).toBe("http://127.0.0.1:9/hook");
    expect(await second.chats(bot.id)).toMatchObject([{ id: ada.id, messageCount: 1 }]);
    const fileId = (await second.transcript(bot.id, ada.id))[0]!.fileId!;
    const file = await api.getFile(fileId);
    expect(await (await fetch(`${second.url}/file/bot${bot.token}/${file.file_path}`)).text()).toBe("kept bytes");
    // Message ids continue the chat's sequence.
    expect((await api.sendMessage(ada.id, "still here")).message_id).toBe(receipt.messageId + 1);
  });

  it("saves what bots send shortly after, without a restart in between", async () => {
    const first = await start();
    const bot = await first.createBot();
    await first.customerSays(bot.id, { customer: ada, text: "hi" });
    await new Api(bot.token, { apiRoot: first.url }).sendMessage(ada.id, "hello from the bot");

    await eventually(async () => {
      const later = await start();
      const texts = (await later.transcript(bot.id, ada.id)).map((m) => m.text);
      await later.close();
      return texts.includes("hello from the bot");
    });
  });
});

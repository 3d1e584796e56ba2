/**
 * The bot connection functions called directly, with the Bot API address passed in: the sandbox, or
 * a port where nothing listens (an unreachable Telegram).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { bots } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { botRowOf, ownerWithProject, projectRow, unreachableApiRoot } from "@/server/projects/test-fixtures";
import { startBotApiSandbox, type BotApiSandbox } from "@/server/sandbox";
import { archiveProject } from "./archive-project";
import { UNREACHABLE_MESSAGE } from "./bot-errors";
import { connectBot, parseBotToken } from "./connect-bot";
import { deactivateProject } from "./deactivate-project";
import { disconnectBot } from "./disconnect-bot";
import { rotateBotToken } from "./rotate-bot-token";
import { webhookUrlFor } from "./set-webhook";

let sandbox: BotApiSandbox;
let online: { apiRoot: string; appUrl: string };
let offline: { apiRoot: string; appUrl: string };

beforeAll(async () => {
  sandbox = await startBotApiSandbox({ retryDelaysMs: [10] });
  const appUrl = "https://desk.example.test";
  online = { apiRoot: sandbox.url, appUrl };
  offline = { apiRoot: await unreachableApiRoot(), appUrl };
});

afterAll(async () => {
  await sandbox?.close();
});

async function connectedProject(label: string) {
  const owner = await ownerWithProject(label);
  const bot = await sandbox.createBot();
  await connectBot(database(), { ...owner.ids, token: bot.token }, online);
  return { owner, bot };
}

describe("parseBotToken", () => {
  it("trims what was pasted around a token", () => {
    expect(parseBotToken(" \t123456789:AAE-abcdefghijklmnopqrstuvwxyz_012\n")).toBe(
      "123456789:AAE-abcdefghijklmnopqrstuvwxyz_012",
    );
  });

  it.each([
    "",
    "123456789",
    "123456789:",
    "123456789:short",
    "abc:AAEabcdefghijklmnopqrstuvwxyz",
    "1:AAE abcdefghijklmnopqrstuvwxyz",
    "1:AAE/abcdefghijklmnopqrstuvwxyz",
  ])("refuses %j", (input) => {
    expect(() => parseBotToken(input)).toThrow(/^That does not look like a bot token\./);
  });

  it("never repeats the input in its message", () => {
    const input = "123456789:AAE-abcdefghijklmnopqrstuvwxyz_012 extra";
    expect(() => parseBotToken(input)).toThrow(expect.objectContaining({ message: expect.not.stringContaining("AAE-abc") }));
  });
});

describe("an unreachable Bot API", () => {
  it("connect says so and stores nothing", async () => {
    const owner = await ownerWithProject("offline-connect");
    const bot = await sandbox.createBot();
    await expect(connectBot(database(), { ...owner.ids, token: bot.token }, offline)).rejects.toMatchObject({
      kind: "invalid",
      message: UNREACHABLE_MESSAGE,
    });
    expect(await botRowOf(owner.project.id)).toBeNull();
    expect((await projectRow(owner.project.id)).status).toBe("draft");
  });

  it("rotate says so and keeps the stored token", async () => {
    const { owner, bot } = await connectedProject("offline-rotate");
    const { token: fresh } = await sandbox.revokeToken(bot.id);
    await expect(rotateBotToken(database(), { ...owner.ids, token: fresh }, offline)).rejects.toMatchObject({
      message: UNREACHABLE_MESSAGE,
    });
    expect(decryptSecret((await botRowOf(owner.project.id))!.tokenCiphertext)).toBe(bot.token);
  });

  it("disconnect still disconnects, and says the webhook could not be removed", async () => {
    const { owner } = await connectedProject("offline-disconnect");
    await expect(disconnectBot(database(), owner.ids, offline)).resolves.toEqual({ webhookRemoved: false });
    expect(await botRowOf(owner.project.id)).toBeNull();
    expect((await projectRow(owner.project.id)).status).toBe("draft");
  });

  it("deactivate is refused, so a project never looks paused while messages keep arriving", async () => {
    const { owner, bot } = await connectedProject("offline-deactivate");
    await expect(deactivateProject(database(), owner.ids, offline)).rejects.toMatchObject({ message: UNREACHABLE_MESSAGE });
    expect((await projectRow(owner.project.id)).status).toBe("active");
    expect((await sandbox.getBot(bot.id)).webhook.url).not.toBe("");
  });

  it("archive still archives", async () => {
    const { owner } = await connectedProject("offline-archive");
    await expect(archiveProject(database(), owner.ids, offline)).resolves.toEqual({ webhookRemoved: false });
    expect((await projectRow(owner.project.id)).archivedAt).toBeInstanceOf(Date);
    expect(await botRowOf(owner.project.id)).toBeNull();
  });
});

describe("connecting", () => {
  it("points the webhook at APP_URL/api/telegram/{bot row id}", async () => {
    const { owner, bot } = await connectedProject("webhook-url");
    const row = (await botRowOf(owner.project.id))!;
    expect(webhookUrlFor(row.id, "https://desk.example.test/")).toBe(`https://desk.example.test/api/telegram/${row.id}`);
    expect((await sandbox.getBot(bot.id)).webhook.url).toBe(`https://desk.example.test/api/telegram/${row.id}`);
  });

  it("lets exactly one of two projects racing for one bot have it, and its webhook stays the winner's", async () => {
    const a = await ownerWithProject("race-a");
    const b = await ownerWithProject("race-b");
    const bot = await sandbox.createBot();
    const results = await Promise.allSettled([
      connectBot(database(), { ...a.ids, token: bot.token }, online),
      connectBot(database(), { ...b.ids, token: bot.token }, online),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({
      kind: "conflict",
      message: expect.stringContaining("is already connected to another project"),
    });
    const rows = await database().select().from(bots).where(eq(bots.telegramId, bot.id));
    expect(rows).toHaveLength(1);
    expect((await sandbox.getBot(bot.id)).webhook.url).toBe(`https://desk.example.test/api/telegram/${rows[0]!.id}`);
  });

  it("a token the current ENCRYPTION_KEY cannot read still disconnects, and deactivate says to rotate it", async () => {
    const { owner } = await connectedProject("unreadable");
    await database().update(bots).set({ tokenCiphertext: "v1.AAAA.AAAA.AAAA" }).where(eq(bots.projectId, owner.project.id));
    await expect(deactivateProject(database(), owner.ids, online)).rejects.toMatchObject({
      message: expect.stringContaining("cannot be read with the current ENCRYPTION_KEY. Rotate the token"),
    });
    await expect(disconnectBot(database(), owner.ids, online)).resolves.toEqual({ webhookRemoved: false });
    expect(await botRowOf(owner.project.id)).toBeNull();
  });
});

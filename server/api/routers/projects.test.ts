import { inspect } from "node:util";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "@/db/client";
import { bots, contacts, messages, projects, sessions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { kv } from "@/lib/kv";
import { appRouter } from "@/server/api/root";
import {
  botRowOf,
  expireTrial,
  memberWithRole,
  ownerWithProject,
  projectRow,
  upgradeToPro,
} from "@/server/projects/test-fixtures";
import { startBotApiSandbox, type BotApiSandbox } from "@/server/sandbox";
import { signedUpUser } from "@/server/testing/callers";

let sandbox: BotApiSandbox;

beforeAll(async () => {
  sandbox = await startBotApiSandbox({ retryDelaysMs: [10] });
  process.env.TELEGRAM_API_ROOT = sandbox.url;
  process.env.TELEGRAM_SANDBOX_URL = sandbox.url;
  // env() is parsed once per test file: this only works while nothing has read it yet.
  expect(env().TELEGRAM_API_ROOT).toBe(sandbox.url);
});

afterAll(async () => {
  await sandbox?.close();
});

const ONLY_ADMINS = expect.stringMatching(/^Only owners and admins can /);
const NOT_A_TOKEN = expect.stringMatching(/^That does not look like a bot token\./);
const TOKEN_REFUSED = "Telegram did not accept this token. Copy it again from @BotFather.";

async function webhookOf(botTelegramId: number) {
  return (await sandbox.getBot(botTelegramId)).webhook;
}

describe("projects: create, rename, archive", () => {
  it("an owner creates a Draft project, renames it and archives it; the list follows", async () => {
    const owner = await signedUpUser("projects-crud");
    const ws = { workspaceId: owner.workspace.id };
    expect(await owner.caller.projects.list(ws)).toEqual([]);

    const created = await owner.caller.projects.create({ ...ws, name: "  Support  " });
    expect(created).toMatchObject({ name: "Support", status: "draft" });
    expect(await owner.caller.projects.list(ws)).toEqual([
      expect.objectContaining({ id: created.id, name: "Support", status: "draft", botUsername: null, archivedAt: null }),
    ]);

    await owner.caller.projects.rename({ ...ws, projectId: created.id, name: "Help desk" });
    expect(await owner.caller.projects.get({ ...ws, projectId: created.id })).toMatchObject({
      name: "Help desk",
      status: "draft",
      bot: null,
    });

    await owner.caller.projects.archive({ ...ws, projectId: created.id });
    expect(await owner.caller.projects.list(ws)).toEqual([]);
    const withArchived = await owner.caller.projects.list({ ...ws, includeArchived: true });
    expect(withArchived).toEqual([expect.objectContaining({ id: created.id, archivedAt: expect.any(Date) })]);
    await expect(owner.caller.projects.rename({ ...ws, projectId: created.id, name: "Back" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This project is archived, so it cannot be changed.",
    });
  });

  it("takes names of 1 to 30 characters after trimming, with a message saying which rule was broken", async () => {
    const owner = await ownerWithProject("project-names");
    const ws = { workspaceId: owner.workspace.id };
    for (const name of ["", "   "]) {
      await expect(owner.caller.projects.create({ ...ws, name })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "Give the project a name.",
      });
    }
    await expect(owner.caller.projects.rename({ ...owner.ids, name: "x".repeat(31) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Project name must be at most 30 characters.",
    });
    await owner.caller.projects.rename({ ...owner.ids, name: ` ${"x".repeat(30)} ` });
    expect((await projectRow(owner.project.id)).name).toBe("x".repeat(30));
  });

  it("keeps a welcome message of 1 to 4096 characters", async () => {
    const owner = await ownerWithProject("welcome");
    await owner.caller.projects.setWelcomeMessage({ ...owner.ids, welcomeMessage: "Hello! We answer within the hour." });
    expect(await owner.caller.projects.get(owner.ids)).toMatchObject({ welcomeMessage: "Hello! We answer within the hour." });
    await expect(owner.caller.projects.setWelcomeMessage({ ...owner.ids, welcomeMessage: "  " })).rejects.toMatchObject({
      message: "Write a welcome message.",
    });
    await expect(
      owner.caller.projects.setWelcomeMessage({ ...owner.ids, welcomeMessage: "a".repeat(4097) }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("at most 4096 characters"),
    });
    await owner.caller.projects.setWelcomeMessage({ ...owner.ids, welcomeMessage: "a".repeat(4096) });
    expect((await projectRow(owner.project.id)).welcomeMessage).toHaveLength(4096);
  });

  it("does not show or change another workspace's project", async () => {
    const owner = await ownerWithProject("mine");
    const stranger = await signedUpUser("stranger");
    const theirs = { workspaceId: stranger.workspace.id, projectId: owner.project.id };
    await expect(stranger.caller.projects.get(theirs)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Project not found.",
    });
    await expect(stranger.caller.projects.rename({ ...theirs, name: "Mine now" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.caller.projects.archive(theirs)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Naming the right workspace does not help a non-member either.
    await expect(stranger.caller.projects.get(owner.ids)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Workspace not found.",
    });
    expect((await projectRow(owner.project.id)).name).toBe("Support bot");
  });
});

describe("project quota", () => {
  it("Trial allows 1 live project, says so when over, and an archived project frees the place", async () => {
    const owner = await ownerWithProject("quota-trial");
    const ws = { workspaceId: owner.workspace.id };
    await expect(owner.caller.projects.create({ ...ws, name: "Second" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Your Trial plan includes 1 project. Archive a project or upgrade in Settings → Plan to add another.",
    });
    await owner.caller.projects.archive(owner.ids);
    await expect(owner.caller.projects.create({ ...ws, name: "Second" })).resolves.toMatchObject({ name: "Second" });
  });

  it("counts creates that arrive at the same moment one after the other", async () => {
    const owner = await signedUpUser("quota-race");
    const ws = { workspaceId: owner.workspace.id };
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => owner.caller.projects.create({ ...ws, name: `P${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [live] = await database().select({ n: count() }).from(projects).where(eq(projects.workspaceId, owner.workspace.id));
    expect(live?.n).toBe(1);
  });

  it("Pro allows 10 projects", async () => {
    const owner = await signedUpUser("quota-pro");
    await upgradeToPro(owner.workspace.id);
    const ws = { workspaceId: owner.workspace.id };
    for (let i = 1; i <= 10; i++) await owner.caller.projects.create({ ...ws, name: `Bot ${i}` });
    await expect(owner.caller.projects.create({ ...ws, name: "Bot 11" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Your Pro plan includes 10 projects. Archive a project to add another.",
    });
    expect(await owner.caller.projects.list(ws)).toHaveLength(10);
  });
});

describe("who may change projects", () => {
  it("agents see projects but cannot create, change or connect them; admins can", async () => {
    const owner = await ownerWithProject("roles");
    await upgradeToPro(owner.workspace.id);
    const agent = await memberWithRole(owner.workspace.id, "agent");
    const admin = await memberWithRole(owner.workspace.id, "admin");
    const ws = { workspaceId: owner.workspace.id };
    expect(await agent.caller.projects.list(ws)).toHaveLength(1);
    expect(await agent.caller.projects.get(owner.ids)).toMatchObject({ name: "Support bot" });

    const bot = await sandbox.createBot();
    const refused = [
      () => agent.caller.projects.create({ ...ws, name: "Agent's" }),
      () => agent.caller.projects.rename({ ...owner.ids, name: "Agent's" }),
      () => agent.caller.projects.setWelcomeMessage({ ...owner.ids, welcomeMessage: "Hi" }),
      () => agent.caller.projects.connectBot({ ...owner.ids, token: bot.token }),
      () => agent.caller.projects.archive(owner.ids),
      () => agent.caller.sandbox.createBot(ws),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN", message: ONLY_ADMINS });
    expect(await botRowOf(owner.project.id)).toBeNull();
    expect((await projectRow(owner.project.id)).name).toBe("Support bot");

    await expect(admin.caller.projects.create({ ...ws, name: "Admin's" })).resolves.toMatchObject({ name: "Admin's" });
  });

  it("an expired plan keeps projects readable and refuses every change", async () => {
    const owner = await ownerWithProject("expired");
    await expireTrial(owner.workspace.id);
    expect(await owner.caller.projects.list({ workspaceId: owner.workspace.id })).toHaveLength(1);
    const bot = await sandbox.createBot();
    for (const attempt of [
      () => owner.caller.projects.rename({ ...owner.ids, name: "New" }),
      () => owner.caller.projects.connectBot({ ...owner.ids, token: bot.token }),
      () => owner.caller.projects.archive(owner.ids),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("plan has expired") });
    }
    expect(await webhookOf(bot.id)).toMatchObject({ url: "" });
  });
});

describe("connecting a bot", () => {
  it("checks the token, stores it encrypted, sets the webhook with a secret and makes the project Active", async () => {
    const owner = await ownerWithProject("connect");
    const bot = await sandbox.createBot({ firstName: "Acme Support" });
    const connected = await owner.caller.projects.connectBot({ ...owner.ids, token: `  ${bot.token}\n` });
    expect(connected).toEqual({ username: bot.username, firstName: "Acme Support" });

    const row = await botRowOf(owner.project.id);
    expect(row).toMatchObject({ telegramId: bot.id, username: bot.username, workspaceId: owner.workspace.id });
    expect(row!.tokenCiphertext).not.toBe(bot.token);
    expect(row!.tokenCiphertext).not.toContain(bot.token.split(":")[1]);
    expect(decryptSecret(row!.tokenCiphertext)).toBe(bot.token);
    expect(row!.webhookSecretHash).toMatch(/^[0-9a-f]{64}$/);

    expect(await webhookOf(bot.id)).toMatchObject({
      url: `${env().APP_URL}/api/telegram/${row!.id}`,
      hasSecret: true,
      allowedUpdates: ["message", "edited_message"],
    });
    expect(await owner.caller.projects.get(owner.ids)).toMatchObject({
      status: "active",
      bot: { username: bot.username, firstName: "Acme Support", tokenRotatedAt: null },
    });
    expect(await owner.caller.projects.list({ workspaceId: owner.workspace.id })).toEqual([
      expect.objectContaining({ status: "active", botUsername: bot.username }),
    ]);
  });

  it("refuses what cannot be a token without asking Telegram", async () => {
    const owner = await ownerWithProject("not-a-token");
    const bot = await sandbox.createBot();
    for (const token of ["", "hello", `${bot.id}:short`, `${bot.id}: ${bot.token.split(":")[1]}`, `bot${bot.token}`]) {
      await expect(owner.caller.projects.connectBot({ ...owner.ids, token })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: NOT_A_TOKEN,
      });
    }
    expect(await sandbox.calls(bot.id)).toEqual([]);
  });

  it("says Telegram refused a well-formed but wrong or revoked token, and stores nothing", async () => {
    const owner = await ownerWithProject("wrong-token");
    const bot = await sandbox.createBot();
    await expect(owner.caller.projects.connectBot({ ...owner.ids, token: `${bot.id}:${"A".repeat(35)}` })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: TOKEN_REFUSED,
    });
    const revoked = bot.token;
    await sandbox.revokeToken(bot.id);
    await expect(owner.caller.projects.connectBot({ ...owner.ids, token: revoked })).rejects.toMatchObject({
      message: TOKEN_REFUSED,
    });
    expect(await botRowOf(owner.project.id)).toBeNull();
    expect((await projectRow(owner.project.id)).status).toBe("draft");
  });

  it("refuses a bot connected to another project, in another workspace or the same one, without touching its webhook", async () => {
    const first = await ownerWithProject("bot-owner");
    const bot = await sandbox.createBot();
    await first.caller.projects.connectBot({ ...first.ids, token: bot.token });
    const before = await webhookOf(bot.id);

    const other = await ownerWithProject("bot-thief");
    const conflict = {
      code: "CONFLICT",
      message: `@${bot.username} is already connected to another project. Disconnect it there first.`,
    };
    await expect(other.caller.projects.connectBot({ ...other.ids, token: bot.token })).rejects.toMatchObject(conflict);

    await upgradeToPro(first.workspace.id);
    const sibling = await first.caller.projects.create({ workspaceId: first.workspace.id, name: "Sibling" });
    await expect(
      first.caller.projects.connectBot({ workspaceId: first.workspace.id, projectId: sibling.id, token: bot.token }),
    ).rejects.toMatchObject(conflict);

    expect(await webhookOf(bot.id)).toEqual(before);
    expect(await botRowOf(other.project.id)).toBeNull();
    expect(await botRowOf(sibling.id)).toBeNull();
  });

  it("refuses a second bot for a project that already has one", async () => {
    const owner = await ownerWithProject("two-bots");
    const [a, b] = [await sandbox.createBot(), await sandbox.createBot()];
    await owner.caller.projects.connectBot({ ...owner.ids, token: a.token });
    await expect(owner.caller.projects.connectBot({ ...owner.ids, token: b.token })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `This project already has a bot, @${a.username}. Disconnect it first, or rotate its token.`,
    });
    expect(await webhookOf(b.id)).toMatchObject({ url: "" });
  });

  it("leaves nothing behind when Telegram refuses the webhook", async () => {
    const owner = await ownerWithProject("webhook-refused");
    const bot = await sandbox.createBot();
    await sandbox.fail(bot.id, {
      method: "setWebhook",
      errorCode: 400,
      description: "Bad Request: bad webhook: HTTPS url must be provided for webhook",
    });
    await expect(owner.caller.projects.connectBot({ ...owner.ids, token: bot.token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(
        "Telegram refused Deskgram's webhook address (Bad Request: bad webhook: HTTPS url must be provided",
      ),
    });
    expect(await botRowOf(owner.project.id)).toBeNull();
    expect((await projectRow(owner.project.id)).status).toBe("draft");
    // Nothing half-done blocks the next attempt.
    await expect(owner.caller.projects.connectBot({ ...owner.ids, token: bot.token })).resolves.toMatchObject({
      username: bot.username,
    });
  });

  it("gives an admin a sandbox bot's token to paste, and nothing else", async () => {
    const owner = await ownerWithProject("sandbox-bot");
    expect(await owner.caller.sandbox.enabled({ workspaceId: owner.workspace.id })).toBe(true);
    const made = await owner.caller.sandbox.createBot({ workspaceId: owner.workspace.id });
    expect(Object.keys(made).sort()).toEqual(["token", "username"]);
    await expect(owner.caller.projects.connectBot({ ...owner.ids, token: made.token })).resolves.toMatchObject({
      username: made.username,
    });
  });
});

describe("rotating a bot's token", () => {
  it("takes the new token of the same bot: re-encrypted, new webhook secret, same webhook address", async () => {
    const owner = await ownerWithProject("rotate");
    const bot = await sandbox.createBot();
    await owner.caller.projects.connectBot({ ...owner.ids, token: bot.token });
    const before = (await botRowOf(owner.project.id))!;

    const { token: fresh } = await sandbox.revokeToken(bot.id);
    await expect(owner.caller.projects.rotateBotToken({ ...owner.ids, token: bot.token })).rejects.toMatchObject({
      message: TOKEN_REFUSED,
    });
    await expect(owner.caller.projects.rotateBotToken({ ...owner.ids, token: fresh })).resolves.toEqual({
      username: bot.username,
      firstName: bot.firstName,
    });

    const after = (await botRowOf(owner.project.id))!;
    expect(after.id).toBe(before.id);
    expect(decryptSecret(after.tokenCiphertext)).toBe(fresh);
    expect(after.webhookSecretHash).not.toBe(before.webhookSecretHash);
    expect(after.tokenRotatedAt).toBeInstanceOf(Date);
    expect(await webhookOf(bot.id)).toMatchObject({ url: `${env().APP_URL}/api/telegram/${before.id}`, hasSecret: true });
    const setWebhooks = (await sandbox.calls(bot.id)).filter((c) => c.method === "setWebhook" && c.ok);
    expect(setWebhooks).toHaveLength(2);
  });

  it("refuses another bot's token, naming both bots, and keeps the stored one", async () => {
    const owner = await ownerWithProject("rotate-other");
    const [mine, other] = [await sandbox.createBot(), await sandbox.createBot()];
    await owner.caller.projects.connectBot({ ...owner.ids, token: mine.token });
    await expect(owner.caller.projects.rotateBotToken({ ...owner.ids, token: other.token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(new RegExp(`^This token belongs to @${other.username}, not @${mine.username}\\.`)),
    });
    expect(decryptSecret((await botRowOf(owner.project.id))!.tokenCiphertext)).toBe(mine.token);
    expect(await webhookOf(other.id)).toMatchObject({ url: "" });
  });

  it("keeps an Inactive project's webhook off", async () => {
    const owner = await ownerWithProject("rotate-inactive");
    const bot = await sandbox.createBot();
    await owner.caller.projects.connectBot({ ...owner.ids, token: bot.token });
    await owner.caller.projects.deactivate(owner.ids);
    const { token: fresh } = await sandbox.revokeToken(bot.id);
    await owner.caller.projects.rotateBotToken({ ...owner.ids, token: fresh });
    expect(await webhookOf(bot.id)).toMatchObject({ url: "" });
    expect((await projectRow(owner.project.id)).status).toBe("inactive");
  });
});

describe("disconnect, deactivate, activate", () => {
  it("disconnect removes the webhook and the stored token; the project is Draft and the bot free to connect elsewhere", async () => {
    const owner = await ownerWithProject("disconnect");
    const bot = await sandbox.createBot();
    await owner.caller.projects.connectBot({ ...owner.ids, token: bot.token });
    await expect(owner.caller.projects.disconnectBot(owner.ids)).resolves.toEqual({ webhookRemoved: true });
    expect(await webhookOf(bot.id)).toMatchObject({ url: "" });
    expect(await database().select().from(bots).where(eq(bots.telegramId, bot.id))).toEqual([]);
    expect(await owner.caller.projects.get(owner.ids)).toMatchObject({ status: "draft", bot: null });
    await expect(owner.caller.projects.disconnectBot(owner.ids)).rejects.toMatchObject({ code: "CONFLICT" });

    const other = await ownerWithProject("after-disconnect");
    await expect(other.caller.projects.connectBot({ ...other.ids, token: bot.token })).resolves.toMatchObject({
      username: bot.username,
    });
  });

  it("deactivate removes the webhook but keeps the bot; activate sets it again with a new secret", async () => {
    const owner = await ownerWithProject("pause");
    const bot = await sandbox.createBot();
    await owner.caller.projects.connectBot({ ...owner.ids, token: bot.token });
    const connected = (await botRowOf(owner.project.id))!;

    await expect(owner.caller.projects.deactivate(owner.ids)).resolves.toEqual({ status: "inactive" });
    expect(await webhookOf(bot.id)).toMatchObject({ url: "" });
    expect(await owner.caller.projects.get(owner.ids)).toMatchObject({ status: "inactive", bot: { username: bot.username } });

    await expect(owner.caller.projects.activate(owner.ids)).resolves.toEqual({ status: "active" });
    expect(await webhookOf(bot.id)).toMatchObject({ url: `${env().APP_URL}/api/telegram/${connected.id}`, hasSecret: true });
    expect((await botRowOf(owner.project.id))!.webhookSecretHash).not.toBe(connected.webhookSecretHash);
  });

  it("a Draft project has nothing to deactivate or activate", async () => {
    const owner = await ownerWithProject("draft-pause");
    await expect(owner.caller.projects.deactivate(owner.ids)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(owner.caller.projects.activate(owner.ids)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("activate stays Inactive when Telegram refuses the webhook", async () => {
    const owner = await ownerWithProject("activate-refused");
    const bot = await sandbox.createBot();
    await owner.caller.projects.connectBot({ ...owner.ids, token: bot.token });
    await owner.caller.projects.deactivate(owner.ids);
    const paused = (await botRowOf(owner.project.id))!;
    await sandbox.fail(bot.id, { method: "setWebhook", errorCode: 429, retryAfter: 7 });
    await expect(owner.caller.projects.activate(owner.ids)).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "Telegram is limiting requests from this bot. Try again in 7 seconds.",
    });
    expect((await projectRow(owner.project.id)).status).toBe("inactive");
    expect((await botRowOf(owner.project.id))!.webhookSecretHash).toBe(paused.webhookSecretHash);
  });

  it("archive disconnects the bot first and keeps the conversations", async () => {
    const owner = await ownerWithProject("archive-bot");
    const bot = await sandbox.createBot();
    await owner.caller.projects.connectBot({ ...owner.ids, token: bot.token });
    const db = database();
    const [contact] = await db
      .insert(contacts)
      .values({ workspaceId: owner.workspace.id, projectId: owner.project.id, telegramUserId: 4242, firstName: "Ann" })
      .returning();
    const [session] = await db
      .insert(sessions)
      .values({ workspaceId: owner.workspace.id, projectId: owner.project.id, contactId: contact!.id, chatId: 4242 })
      .returning();
    await db.insert(messages).values({
      workspaceId: owner.workspace.id,
      projectId: owner.project.id,
      sessionId: session!.id,
      chatId: 4242,
      author: "customer",
      text: "Hello?",
    });

    await expect(owner.caller.projects.archive(owner.ids)).resolves.toEqual({ webhookRemoved: true });
    expect(await webhookOf(bot.id)).toMatchObject({ url: "" });
    expect(await botRowOf(owner.project.id)).toBeNull();
    expect(await db.select().from(messages).where(eq(messages.sessionId, session!.id))).toHaveLength(1);
    expect(await db.select().from(sessions).where(eq(sessions.id, session!.id))).toHaveLength(1);
  });
});

describe("the bot token never leaves the server", () => {
  /** Calls a procedure the way the browser does, and returns the status and body the browser would get. */
  async function overHttp(userId: string, kind: "query" | "mutation", path: string, input: unknown): Promise<string> {
    const url = new URL(`http://deskgram.test/api/trpc/${path}`);
    const init: RequestInit = { method: "GET" };
    if (kind === "query") url.searchParams.set("input", JSON.stringify({ json: input }));
    else
      Object.assign(init, {
        method: "POST",
        body: JSON.stringify({ json: input }),
        headers: { "content-type": "application/json" },
      });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(url, init),
      router: appRouter,
      createContext: () => ({ db: database(), kv: kv(), userId, ip: "10.200.0.1" }),
    });
    return `${response.status} ${await response.text()}`;
  }

  it("is absent from every response, error and log line of the bot procedures", async () => {
    const owner = await ownerWithProject("secrecy");
    const rival = await ownerWithProject("secrecy-rival");
    const bot = await sandbox.createBot();
    const other = await sandbox.createBot();
    const wrong = `${bot.id}:${"Q".repeat(35)}`;
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi
        .spyOn(console, level)
        .mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => inspect(a)).join(" "))),
    );
    const bodies: string[] = [];
    const call = async (who: string, kind: "query" | "mutation", path: string, input: unknown) => {
      const body = await overHttp(who, kind, path, input);
      bodies.push(body);
      return body;
    };
    let fresh = "";
    try {
      expect(await call(owner.userId, "mutation", "projects.connectBot", { ...owner.ids, token: `${bot.token}!` })).toMatch(
        /^400 /,
      );
      expect(await call(owner.userId, "mutation", "projects.connectBot", { ...owner.ids, token: wrong })).toMatch(/^400 /);
      expect(await call(owner.userId, "mutation", "projects.connectBot", { ...owner.ids, token: bot.token })).toMatch(/^200 /);
      expect(await call(rival.userId, "mutation", "projects.connectBot", { ...rival.ids, token: bot.token })).toMatch(/^409 /);
      expect(await call(owner.userId, "query", "projects.get", owner.ids)).toMatch(/^200 /);
      expect(await call(owner.userId, "query", "projects.list", { workspaceId: owner.workspace.id })).toMatch(/^200 /);
      expect(await call(owner.userId, "mutation", "projects.rotateBotToken", { ...owner.ids, token: other.token })).toMatch(
        /^400 /,
      );
      fresh = (await sandbox.revokeToken(bot.id)).token;
      expect(await call(owner.userId, "mutation", "projects.rotateBotToken", { ...owner.ids, token: bot.token })).toMatch(
        /^400 /,
      );
      expect(await call(owner.userId, "mutation", "projects.rotateBotToken", { ...owner.ids, token: fresh })).toMatch(/^200 /);
      expect(await call(owner.userId, "mutation", "projects.deactivate", owner.ids)).toMatch(/^200 /);
      expect(await call(owner.userId, "mutation", "projects.activate", owner.ids)).toMatch(/^200 /);
      expect(await call(owner.userId, "mutation", "projects.disconnectBot", owner.ids)).toMatch(/^200 /);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const everything = [...bodies, ...logged].join("\n");
    for (const token of [bot.token, fresh, other.token, wrong]) {
      // The part after the colon is the secret; the bot id before it is public.
      expect(everything).not.toContain(token.split(":")[1]);
    }
    expect(bodies[2]).toContain(bot.username);
  });
});

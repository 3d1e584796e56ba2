import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { UserFromGetMe } from "grammy/types";
import type { Database } from "@/db/client";
import { bots, projects } from "@/db/schema";
import { createBotApi } from "@/lib/bot-api";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { DomainError } from "@/server/errors";
import { lockLiveProject } from "@/server/projects/lock-project";
import { callBotApi } from "./bot-errors";
import { newWebhookSecret, registerWebhook, removeWebhookBestEffort, type TelegramOptions } from "./set-webhook";

/** What @BotFather hands out: the bot's numeric id, a colon, and a long secret part. */
const TOKEN_SHAPE = /^\d{1,20}:[A-Za-z0-9_-]{20,}$/;

/** The pasted token without stray whitespace; refused before any call to Telegram when it cannot be one. */
export function parseBotToken(input: string): string {
  const token = input.trim();
  if (!TOKEN_SHAPE.test(token)) {
    throw new DomainError(
      "invalid",
      "That does not look like a bot token. Copy the whole token @BotFather gave you: digits, a colon, then a long code.",
      { field: "token" },
    );
  }
  return token;
}

/** Asks Telegram which bot a pasted token belongs to (a wrong or revoked token is refused here). */
export async function identifyBot(
  token: string,
  options: TelegramOptions = {},
): Promise<{ api: ReturnType<typeof createBotApi>; me: UserFromGetMe }> {
  const api = createBotApi(token, { apiRoot: options.apiRoot });
  const me = await callBotApi("pasted", () => api.getMe());
  return { api, me };
}

function alreadyConnected(username: string) {
  // Deliberately vague about where: the other project may belong to another workspace.
  return new DomainError("conflict", `@${username} is already connected to another project. Disconnect it there first.`, {
    field: "token",
  });
}

/** The constraint a unique violation hit, looking through drizzle's wrapper to the PostgreSQL error. */
function violatedUniqueConstraint(error: unknown): string | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const pg = e as Error & { code?: string; constraint_name?: string };
    if (pg.code === "23505") return pg.constraint_name ?? "";
  }
  return null;
}

/**
 * Connects a bot to a Draft project: checks the token with getMe, stores it encrypted, and points
 * the bot's webhook at Deskgram. The row is inserted before setWebhook and both happen in one
 * transaction: a failed setWebhook leaves nothing behind, and when two projects race for one bot
 * the unique index stops the loser before it can take over the winner's webhook.
 */
export async function connectBot(
  db: Database,
  input: { workspaceId: string; projectId: string; token: string },
  options: TelegramOptions = {},
): Promise<{ username: string; firstName: string }> {
  const token = parseBotToken(input.token);
  const { api, me } = await identifyBot(token, options);
  let webhookSet = false;
  try {
    return await db.transaction(async (tx) => {
      const { project, bot } = await lockLiveProject(tx, input.workspaceId, input.projectId);
      if (bot) {
        throw new DomainError(
          "conflict",
          `This project already has a bot, @${bot.username}. Disconnect it first, or rotate its token.`,
        );
      }
      const [taken] = await tx.select({ id: bots.id }).from(bots).where(eq(bots.telegramId, me.id)).limit(1);
      if (taken) throw alreadyConnected(me.username);

      const botId = randomUUID();
      const secret = newWebhookSecret();
      try {
        await tx.insert(bots).values({
          id: botId,
          workspaceId: input.workspaceId,
          projectId: project.id,
          telegramId: me.id,
          username: me.username,
          firstName: me.first_name,
          tokenCiphertext: encryptSecret(token),
          webhookSecretHash: secret.hash,
        });
      } catch (error) {
        const constraint = violatedUniqueConstraint(error);
        if (constraint === "bots_telegram_id_unique") throw alreadyConnected(me.username);
        if (constraint === "bots_project_unique")
          throw new DomainError("conflict", "This project already has a bot. Reload the page.");
        throw error;
      }
      await tx.update(projects).set({ status: "active" }).where(eq(projects.id, project.id));
      await registerWebhook(api, botId, secret.secret, { source: "pasted", appUrl: options.appUrl });
      webhookSet = true;
      return { username: me.username, firstName: me.first_name };
    });
  } catch (error) {
    // The commit itself failed after Telegram took the webhook: point it nowhere rather than at a bot that does not exist.
    if (webhookSet) await removeWebhookBestEffort(api);
    throw error;
  }
}

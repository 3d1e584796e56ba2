import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bots } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { DomainError } from "@/server/errors";
import { lockLiveProject } from "@/server/projects/lock-project";
import { identifyBot, parseBotToken } from "./connect-bot";
import { newWebhookSecret, registerWebhook, type TelegramOptions } from "./set-webhook";
import { forgetWebhookBot } from "./webhook-bot";

/**
 * Replaces a connected bot's token (after "Revoke" in @BotFather): the new token must belong to the
 * same bot. The webhook gets a new secret too; an Inactive project's webhook stays off until it is
 * activated. The webhook path (the bots row id) stays, so nothing else changes.
 */
export async function rotateBotToken(
  db: Database,
  input: { workspaceId: string; projectId: string; token: string },
  options: TelegramOptions = {},
): Promise<{ username: string; firstName: string }> {
  const token = parseBotToken(input.token);
  const { api, me } = await identifyBot(token, options);
  return db.transaction(async (tx) => {
    const { project, bot } = await lockLiveProject(tx, input.workspaceId, input.projectId);
    if (!bot) throw new DomainError("conflict", "This project has no bot connected. Connect one instead.");
    if (me.id !== bot.telegramId) {
      throw new DomainError(
        "invalid",
        `This token belongs to @${me.username}, not @${bot.username}. Paste the token of @${bot.username}, or disconnect it first to connect @${me.username}.`,
        { field: "token" },
      );
    }
    const secret = newWebhookSecret();
    await tx
      .update(bots)
      .set({
        tokenCiphertext: encryptSecret(token),
        webhookSecretHash: secret.hash,
        // The bot may have been renamed in @BotFather since it was connected.
        username: me.username,
        firstName: me.first_name,
        tokenRotatedAt: new Date(),
      })
      .where(eq(bots.id, bot.id));
    forgetWebhookBot(bot.id);
    if (project.status === "active")
      await registerWebhook(api, bot.id, secret.secret, { source: "pasted", appUrl: options.appUrl });
    return { username: me.username, firstName: me.first_name };
  });
}

import { env } from "@/lib/env";
import { DomainError } from "@/server/errors";
import { sandboxClient } from "@/server/sandbox/client";
import { createTRPCRouter, requirePermission } from "../trpc";

/** The Bot API sandbox, when this Deskgram runs against one instead of the real Telegram. */
export const sandboxRouter = createTRPCRouter({
  /** Whether the console may offer sandbox helpers (a sandbox bot, the Test customer panel). */
  enabled: requirePermission("workspace.view").query(() => Boolean(env().TELEGRAM_SANDBOX_URL)),

  /**
   * A new sandbox bot for the admin to connect. Its token is returned on purpose: it is not a
   * secret of a real bot, it only works against this sandbox.
   */
  createBot: requirePermission("projects.manage").mutation(async () => {
    const url = env().TELEGRAM_SANDBOX_URL;
    if (!url) throw new DomainError("forbidden", "The Bot API sandbox is not in use here. Create a bot with @BotFather instead.");
    const bot = await sandboxClient(url).createBot();
    return { token: bot.token, username: bot.username };
  }),
});

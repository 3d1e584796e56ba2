import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bots, projects } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import { lockLiveProject } from "@/server/projects/lock-project";
import { removeWebhookBestEffort, storedBotApi, type TelegramOptions } from "./set-webhook";
import { forgetWebhookBot } from "./webhook-bot";

type LockedProject = Awaited<ReturnType<typeof lockLiveProject>>;

/**
 * Removes the bot from a project whose row the caller has locked: deleteWebhook if Telegram can be
 * reached, then the bots row (its token goes with it); sessions and messages stay. `webhookRemoved`
 * is false when Telegram could not be told: the stale webhook then points at a path that answers 404.
 */
export async function disconnectLockedBot(
  tx: Tx,
  { project, bot }: LockedProject,
  options: TelegramOptions = {},
): Promise<{ webhookRemoved: boolean }> {
  if (!bot) return { webhookRemoved: true };
  let api = null;
  try {
    api = storedBotApi(bot.tokenCiphertext, options);
  } catch {
    // An unreadable token must not keep an admin from disconnecting.
  }
  const removed = await removeWebhookBestEffort(api);
  await tx.delete(bots).where(eq(bots.id, bot.id));
  forgetWebhookBot(bot.id);
  await tx.update(projects).set({ status: "draft" }).where(eq(projects.id, project.id));
  // An Inactive project's webhook was already removed when it was deactivated.
  return { webhookRemoved: removed || project.status === "inactive" };
}

/** Disconnects the project's bot; the project goes back to Draft. */
export async function disconnectBot(
  db: Database,
  input: { workspaceId: string; projectId: string },
  options: TelegramOptions = {},
): Promise<{ webhookRemoved: boolean }> {
  return db.transaction(async (tx) => {
    const locked = await lockLiveProject(tx, input.workspaceId, input.projectId);
    if (!locked.bot) throw new DomainError("conflict", "This project has no bot connected.");
    return disconnectLockedBot(tx, locked, options);
  });
}

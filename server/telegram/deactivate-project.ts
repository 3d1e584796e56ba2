import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { projects } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { lockLiveProject } from "@/server/projects/lock-project";
import { removeWebhook, storedBotApi, type TelegramOptions } from "./set-webhook";

/**
 * Active → Inactive: Telegram stops delivering (deleteWebhook), the bot stays connected. Unlike a
 * disconnect this must reach Telegram, or the project would look paused while messages keep coming.
 * What customers write meanwhile waits at Telegram (about a day) and arrives on activation.
 */
export async function deactivateProject(
  db: Database,
  input: { workspaceId: string; projectId: string },
  options: TelegramOptions = {},
) {
  return db.transaction(async (tx) => {
    const { project, bot } = await lockLiveProject(tx, input.workspaceId, input.projectId);
    if (!bot) throw new DomainError("conflict", "Connect a bot first: a project without a bot has nothing to deactivate.");
    if (project.status === "inactive") return { status: project.status };
    await removeWebhook(storedBotApi(bot.tokenCiphertext, options), "stored");
    await tx.update(projects).set({ status: "inactive" }).where(eq(projects.id, project.id));
    return { status: "inactive" as const };
  });
}

import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bots, projects } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { lockLiveProject } from "@/server/projects/lock-project";
import { newWebhookSecret, registerWebhook, storedBotApi, type TelegramOptions } from "./set-webhook";

/** Inactive → Active: the webhook is set again, with a new secret. */
export async function activateProject(
  db: Database,
  input: { workspaceId: string; projectId: string },
  options: TelegramOptions = {},
) {
  return db.transaction(async (tx) => {
    const { project, bot } = await lockLiveProject(tx, input.workspaceId, input.projectId);
    if (!bot) throw new DomainError("conflict", "Connect a bot first: the project becomes active when its bot is connected.");
    if (project.status === "active") return { status: project.status };
    const secret = newWebhookSecret();
    await tx.update(bots).set({ webhookSecretHash: secret.hash }).where(eq(bots.id, bot.id));
    await tx.update(projects).set({ status: "active" }).where(eq(projects.id, project.id));
    // Last, so a refused setWebhook rolls the two updates back.
    await registerWebhook(storedBotApi(bot.tokenCiphertext, options), bot.id, secret.secret, {
      source: "stored",
      appUrl: options.appUrl,
    });
    return { status: "active" as const };
  });
}

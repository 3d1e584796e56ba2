import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { projects } from "@/db/schema";
import { lockProject } from "@/server/projects/lock-project";
import { disconnectLockedBot } from "./disconnect-bot";
import type { TelegramOptions } from "./set-webhook";

/**
 * Archives a project: its bot is disconnected first (so the bot can be connected elsewhere), its
 * sessions and messages stay for the record, and it no longer counts against the plan's quota.
 * Archiving an archived project changes nothing.
 */
export async function archiveProject(
  db: Database,
  input: { workspaceId: string; projectId: string },
  options: TelegramOptions = {},
): Promise<{ webhookRemoved: boolean }> {
  return db.transaction(async (tx) => {
    const locked = await lockProject(tx, input.workspaceId, input.projectId);
    if (locked.project.archivedAt) return { webhookRemoved: true };
    const result = await disconnectLockedBot(tx, locked, options);
    await tx.update(projects).set({ archivedAt: new Date(), status: "draft" }).where(eq(projects.id, locked.project.id));
    return result;
  });
}

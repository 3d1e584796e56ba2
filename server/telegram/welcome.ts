import { eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import type { BusEvent } from "@/server/events/types";
import { enqueueOutgoing } from "@/server/outbox/enqueue";
import type { WebhookBot } from "./webhook-bot";

/**
 * Queues the project's welcome message for a customer who pressed Start, in the ingest transaction,
 * so it is sent once the customer's /start is stored and never for a delivery that rolled back.
 * A paused or archived project, or an empty welcome, sends nothing.
 */
export async function enqueueWelcome(tx: Tx, bot: WebhookBot, session: { id: string; chatId: number }): Promise<BusEvent[]> {
  // Read here, not from the bot cache: an admin's edit applies to the very next Start.
  const [project] = await tx
    .select({ welcomeMessage: projects.welcomeMessage, status: projects.status, archivedAt: projects.archivedAt })
    .from(projects)
    .where(eq(projects.id, bot.projectId));
  if (!project || project.status !== "active" || project.archivedAt || !project.welcomeMessage.trim()) return [];
  const { events } = await enqueueOutgoing(tx, {
    workspaceId: bot.workspaceId,
    projectId: bot.projectId,
    sessionId: session.id,
    chatId: session.chatId,
    author: "bot",
    text: project.welcomeMessage,
  });
  return events;
}

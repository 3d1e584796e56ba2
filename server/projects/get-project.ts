import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bots, projects } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { PROJECT_NOT_FOUND } from "./project-input";

/**
 * One project of the workspace with its bot as the console shows it. The bot's token and webhook
 * secret are never selected, so they cannot reach a response by accident.
 */
export async function getProject(db: Database, workspaceId: string, projectId: string) {
  const [row] = await db
    .select({
      id: projects.id,
      name: projects.name,
      status: projects.status,
      welcomeMessage: projects.welcomeMessage,
      createdAt: projects.createdAt,
      archivedAt: projects.archivedAt,
      bot: {
        username: bots.username,
        firstName: bots.firstName,
        connectedAt: bots.connectedAt,
        tokenRotatedAt: bots.tokenRotatedAt,
      },
    })
    .from(projects)
    .leftJoin(bots, eq(bots.projectId, projects.id))
    .where(and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw new DomainError("not_found", PROJECT_NOT_FOUND);
  return row;
}

export type ProjectDetail = Awaited<ReturnType<typeof getProject>>;

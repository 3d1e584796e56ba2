import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bots, projects } from "@/db/schema";

/** The workspace's projects, oldest first, with their bot's @username; archived ones only when asked for. */
export async function listProjects(db: Database, workspaceId: string, options: { includeArchived?: boolean } = {}) {
  const rows = await db
    .select({
      id: projects.id,
      name: projects.name,
      status: projects.status,
      createdAt: projects.createdAt,
      archivedAt: projects.archivedAt,
      botUsername: bots.username,
    })
    .from(projects)
    .leftJoin(bots, eq(bots.projectId, projects.id))
    .where(and(eq(projects.workspaceId, workspaceId), options.includeArchived ? undefined : isNull(projects.archivedAt)))
    .orderBy(asc(projects.createdAt), asc(projects.id));
  return rows;
}

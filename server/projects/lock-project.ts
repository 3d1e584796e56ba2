import { and, eq } from "drizzle-orm";
import { bots, projects } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import { PROJECT_NOT_FOUND } from "./project-input";

/**
 * The project and its bot, with the project row locked until the transaction ends, so connect,
 * rotate, disconnect, (de)activate and archive of one project take turns. Scoped by workspace:
 * another workspace's project is "not found", like one that never existed.
 */
export async function lockProject(tx: Tx, workspaceId: string, projectId: string) {
  const [project] = await tx
    .select({
      id: projects.id,
      workspaceId: projects.workspaceId,
      name: projects.name,
      status: projects.status,
      archivedAt: projects.archivedAt,
    })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId)))
    .for("update");
  if (!project) throw new DomainError("not_found", PROJECT_NOT_FOUND);
  const [bot] = await tx.select().from(bots).where(eq(bots.projectId, project.id)).limit(1);
  return { project, bot: bot ?? null };
}

/** lockProject for changes: an archived project is kept as it was. */
export async function lockLiveProject(tx: Tx, workspaceId: string, projectId: string) {
  const locked = await lockProject(tx, workspaceId, projectId);
  if (locked.project.archivedAt) throw new DomainError("conflict", "This project is archived, so it cannot be changed.");
  return locked;
}

import { and, eq, isNull } from "drizzle-orm";
import { bots, projects, skillGroups } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";

/**
 * Checks that the link's project and skill group belong to this workspace, and that the project has
 * a connected bot to send visitors to.
 */
export async function assertLinkTarget(
  tx: Tx,
  workspaceId: string,
  target: { projectId: string; skillGroupId: string | null },
): Promise<void> {
  const [project] = await tx
    .select({ id: projects.id, botId: bots.id })
    .from(projects)
    .leftJoin(bots, eq(bots.projectId, projects.id))
    .where(and(eq(projects.id, target.projectId), eq(projects.workspaceId, workspaceId), isNull(projects.archivedAt)))
    .limit(1);
  if (!project) throw new DomainError("not_found", "Project not found.", { field: "projectId" });
  if (!project.botId) {
    throw new DomainError("invalid", "This project has no bot yet. Connect its bot in Projects first.", { field: "projectId" });
  }
  if (target.skillGroupId) {
    const [group] = await tx
      .select({ id: skillGroups.id })
      .from(skillGroups)
      .where(and(eq(skillGroups.id, target.skillGroupId), eq(skillGroups.workspaceId, workspaceId)))
      .limit(1);
    if (!group) throw new DomainError("not_found", "Skill group not found.", { field: "skillGroupId" });
  }
}

import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, projectAgents, projects } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { rolesThatMay } from "@/lib/access/permission";
import { lockLiveProject } from "@/server/projects/lock-project";
import { wakeRouting } from "@/server/routing/wake";
import type { RoutingSettingsInput } from "./routing-settings-input";

/**
 * Saves a project's routing settings and its specific agents (every one must hold a seat in this
 * workspace), then wakes its queue: a wider scope or another rule may let waiting customers through.
 */
export async function updateRoutingSettings(
  db: Database,
  input: { workspaceId: string; projectId: string; settings: RoutingSettingsInput },
): Promise<{ id: string }> {
  const { agentIds, ...settings } = input.settings;
  const picked = [...new Set(agentIds)];
  await db.transaction(async (tx) => {
    const { project } = await lockLiveProject(tx, input.workspaceId, input.projectId);
    if (picked.length) {
      const seats = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(
            eq(memberships.workspaceId, input.workspaceId),
            inArray(memberships.userId, picked),
            inArray(memberships.role, rolesThatMay("inbox.work")),
          ),
        );
      if (seats.length !== picked.length) {
        throw new DomainError(
          "invalid",
          "One of the chosen agents is not a member of this workspace any more. Reload and pick again.",
          {
            field: "agentIds",
          },
        );
      }
    }
    await tx.update(projects).set(settings).where(eq(projects.id, project.id));
    await tx.delete(projectAgents).where(eq(projectAgents.projectId, project.id));
    if (picked.length) {
      await tx
        .insert(projectAgents)
        .values(picked.map((userId) => ({ workspaceId: input.workspaceId, projectId: project.id, userId })));
    }
  });
  await wakeRouting(db, input.workspaceId, input.projectId);
  return { id: input.projectId };
}

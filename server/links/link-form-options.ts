import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bots, projects, skillGroups } from "@/db/schema";

/** What the link form offers: the live projects (only those with a bot can be chosen) and the skill groups. */
export async function linkFormOptions(db: Database, workspaceId: string) {
  const [projectRows, groupRows] = await Promise.all([
    db
      .select({ id: projects.id, name: projects.name, botUsername: bots.username })
      .from(projects)
      .leftJoin(bots, eq(bots.projectId, projects.id))
      .where(and(eq(projects.workspaceId, workspaceId), isNull(projects.archivedAt)))
      .orderBy(asc(projects.createdAt), asc(projects.id)),
    db
      .select({ id: skillGroups.id, name: skillGroups.name })
      .from(skillGroups)
      .where(eq(skillGroups.workspaceId, workspaceId))
      .orderBy(asc(skillGroups.name)),
  ]);
  return { projects: projectRows, skillGroups: groupRows };
}

import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, projects, skillGroups, users } from "@/db/schema";

/** What a group can apply to and exempt: the workspace's projects, members and skill groups. */
export async function riskGroupOptions(db: Database, workspaceId: string) {
  const [projectRows, memberRows, skillGroupRows] = await Promise.all([
    db
      .select({ id: projects.id, name: projects.name, archived: sql<boolean>`${projects.archivedAt} is not null` })
      .from(projects)
      .where(eq(projects.workspaceId, workspaceId))
      .orderBy(asc(projects.name)),
    db
      .select({ id: users.id, name: sql<string>`coalesce(${users.name}, ${users.email})`, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(sql`coalesce(${users.name}, ${users.email})`)),
    db
      .select({ id: skillGroups.id, name: skillGroups.name })
      .from(skillGroups)
      .where(eq(skillGroups.workspaceId, workspaceId))
      .orderBy(asc(skillGroups.name)),
  ]);
  return { projects: projectRows, members: memberRows, skillGroups: skillGroupRows };
}

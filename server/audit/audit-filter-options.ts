import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, projects, users } from "@/db/schema";

/** What the audit's filters offer: every project (archived ones too: their history stays) and every member. */
export async function auditFilterOptions(db: Database, workspaceId: string) {
  const [projectRows, people] = await Promise.all([
    db
      .select({ id: projects.id, name: projects.name, archived: sql<boolean>`${projects.archivedAt} is not null` })
      .from(projects)
      .where(eq(projects.workspaceId, workspaceId))
      .orderBy(asc(projects.createdAt), asc(projects.id)),
    db
      .select({ id: users.id, name: sql<string>`coalesce(${users.name}, ${users.email})`, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(sql`lower(coalesce(${users.name}, ${users.email}))`), asc(users.id)),
  ]);
  return { projects: projectRows, people };
}

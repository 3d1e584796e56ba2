import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";

const workspaceColumns = {
  id: workspaces.id,
  name: workspaces.name,
  slug: workspaces.slug,
  plan: workspaces.plan,
  trialEndsAt: workspaces.trialEndsAt,
  createdAt: workspaces.createdAt,
};

/** The caller's membership in a workspace, looked up by id or slug; null when they are not a member. */
export async function findMembership(db: Database, userId: string, where: { workspaceId: string } | { slug: string }) {
  const match = "workspaceId" in where ? eq(workspaces.id, where.workspaceId) : eq(workspaces.slug, where.slug);
  const [row] = await db
    .select({
      role: memberships.role,
      permissions: { mayTransfer: memberships.mayTransfer, mayViewAll: memberships.mayViewAll },
      workspace: workspaceColumns,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), match))
    .limit(1);
  return row ?? null;
}

/** Every workspace the user belongs to, oldest first. */
export async function listMemberships(db: Database, userId: string) {
  return db
    .select({ role: memberships.role, workspace: { id: workspaces.id, name: workspaces.name, slug: workspaces.slug } })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

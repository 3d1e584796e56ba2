import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { skillGroupMembers, skillGroups } from "@/db/schema";
import { DomainError } from "@/server/errors";

/** Every skill group with its members' user ids (the Agents page, and links' and risk's pickers). */
export async function listSkillGroups(db: Database, workspaceId: string) {
  return db
    .select({
      id: skillGroups.id,
      name: skillGroups.name,
      memberIds: sql<string[]>`coalesce((select array_agg(${skillGroupMembers.userId}::text order by ${skillGroupMembers.userId})
        from ${skillGroupMembers} where ${skillGroupMembers.skillGroupId} = ${skillGroups.id}), '{}')`,
    })
    .from(skillGroups)
    .where(eq(skillGroups.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${skillGroups.name})`));
}

/** Names are unique per workspace regardless of case: the unique index decides, also for two at once. */
function nameTaken(error: unknown, name: string): DomainError | null {
  const pg = (error as { cause?: { code?: string; constraint_name?: string } }).cause ?? (error as { code?: string });
  return pg.code === "23505" && (pg as { constraint_name?: string }).constraint_name === "skill_groups_workspace_name"
    ? new DomainError("conflict", `A skill group named "${name}" already exists.`, { field: "name" })
    : null;
}

export async function createSkillGroup(db: Database, input: { workspaceId: string; name: string }) {
  try {
    const [group] = await db
      .insert(skillGroups)
      .values({ workspaceId: input.workspaceId, name: input.name })
      .returning({ id: skillGroups.id, name: skillGroups.name });
    return group!;
  } catch (error) {
    throw nameTaken(error, input.name) ?? error;
  }
}

export async function renameSkillGroup(db: Database, input: { workspaceId: string; skillGroupId: string; name: string }) {
  try {
    const [group] = await db
      .update(skillGroups)
      .set({ name: input.name })
      .where(and(eq(skillGroups.id, input.skillGroupId), eq(skillGroups.workspaceId, input.workspaceId)))
      .returning({ id: skillGroups.id, name: skillGroups.name });
    if (!group) throw new DomainError("not_found", "Skill group not found.");
    return group;
  } catch (error) {
    throw nameTaken(error, input.name) ?? error;
  }
}

/** Sessions and diversion links aimed at the group keep working: they simply no longer target one. */
export async function deleteSkillGroup(db: Database, input: { workspaceId: string; skillGroupId: string }) {
  const [group] = await db
    .delete(skillGroups)
    .where(and(eq(skillGroups.id, input.skillGroupId), eq(skillGroups.workspaceId, input.workspaceId)))
    .returning({ id: skillGroups.id });
  if (!group) throw new DomainError("not_found", "Skill group not found.");
}

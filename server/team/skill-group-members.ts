import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, skillGroupMembers, skillGroups } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import { roleMay, rolesThatMay } from "@/lib/access/permission";

type Input = { workspaceId: string; skillGroupId: string; userId: string };

/** Puts a seat member (someone who works sessions) in a skill group; adding them twice is harmless. */
export async function addSkillGroupMember(db: Database, input: Input) {
  const { workspaceId, skillGroupId, userId } = input;
  const [[group], [member]] = await Promise.all([
    db
      .select({ id: skillGroups.id })
      .from(skillGroups)
      .where(and(eq(skillGroups.id, skillGroupId), eq(skillGroups.workspaceId, workspaceId)))
      .limit(1),
    db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1),
  ]);
  if (!group) throw new DomainError("not_found", "Skill group not found.");
  if (!member) throw new DomainError("not_found", "This person is not a member of the workspace.");
  if (!roleMay(member.role, "inbox.work")) {
    throw new DomainError("invalid", "Marketers do not work sessions, so they cannot be in a skill group.");
  }
  await db
    .insert(skillGroupMembers)
    .select(
      db
        .select({ workspaceId: memberships.workspaceId, skillGroupId: skillGroups.id, userId: memberships.userId })
        .from(memberships)
        .innerJoin(skillGroups, eq(skillGroups.workspaceId, memberships.workspaceId))
        .where(
          and(
            eq(memberships.workspaceId, workspaceId),
            eq(memberships.userId, userId),
            inArray(memberships.role, rolesThatMay("inbox.work")),
            eq(skillGroups.id, skillGroupId),
          ),
        ),
    )
    .onConflictDoNothing();
  await publishCommitted([{ type: "agent.updated", workspaceId, userId }]);
}

export async function removeSkillGroupMember(db: Database, input: Input) {
  const { workspaceId, skillGroupId, userId } = input;
  await db
    .delete(skillGroupMembers)
    .where(
      and(
        eq(skillGroupMembers.workspaceId, workspaceId),
        eq(skillGroupMembers.skillGroupId, skillGroupId),
        eq(skillGroupMembers.userId, userId),
      ),
    );
  await publishCommitted([{ type: "agent.updated", workspaceId, userId }]);
}

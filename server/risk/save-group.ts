import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, projects, riskGroups, skillGroups } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { announceRiskGroupsChanged } from "./announce-groups-changed";
import { RISK_GROUP_NOT_FOUND, type RiskGroupInput } from "./group-input";
import { patternProblem } from "./risk-pattern";

const invalid = (field: string, message: string) => new DomainError("invalid", message, { field });

/** Patterns RE2 refuses, and ids from the input that are not this workspace's, are refused with the reason. */
async function checkGroup(db: Database, workspaceId: string, input: RiskGroupInput) {
  for (const pattern of input.patterns) {
    const problem = patternProblem(pattern);
    if (problem) throw invalid("patterns", problem);
  }
  const projectIds = input.allProjects ? [] : input.projectIds;
  const none = sql`(select 0)`;
  // One round trip: how many of each list belong to the workspace.
  const [found] = await db
    .select({
      projects: projectIds.length
        ? sql<number>`(select count(*)::int from ${projects} where ${and(eq(projects.workspaceId, workspaceId), inArray(projects.id, projectIds))})`
        : none.mapWith(Number),
      members: input.exemptUserIds.length
        ? sql<number>`(select count(*)::int from ${memberships} where ${and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, input.exemptUserIds))})`
        : none.mapWith(Number),
      skillGroups: input.exemptSkillGroupIds.length
        ? sql<number>`(select count(*)::int from ${skillGroups} where ${and(eq(skillGroups.workspaceId, workspaceId), inArray(skillGroups.id, input.exemptSkillGroupIds))})`
        : none.mapWith(Number),
    })
    .from(sql`(select 1) as one`);
  const unique = (list: string[]) => new Set(list).size;
  if (found!.projects !== unique(projectIds)) throw invalid("projectIds", "One of the chosen projects is not in this workspace.");
  if (found!.members !== unique(input.exemptUserIds)) {
    throw invalid("exemptUserIds", "One of the exempt members is not in this workspace (any more).");
  }
  if (found!.skillGroups !== unique(input.exemptSkillGroupIds)) {
    throw invalid("exemptSkillGroupIds", "One of the exempt skill groups is not in this workspace (any more).");
  }
  return {
    name: input.name,
    keywords: input.keywords,
    patterns: input.patterns,
    action: input.action,
    allProjects: input.allProjects,
    projectIds: [...new Set(projectIds)],
    exemptUserIds: [...new Set(input.exemptUserIds)],
    exemptSkillGroupIds: [...new Set(input.exemptSkillGroupIds)],
    enabled: input.enabled,
  };
}

/** Creates a risk word group; every instance rebuilds the workspace's matchers. */
export async function createRiskGroup(db: Database, workspaceId: string, input: RiskGroupInput): Promise<{ id: string }> {
  const values = await checkGroup(db, workspaceId, input);
  const [row] = await db
    .insert(riskGroups)
    .values({ workspaceId, ...values })
    .returning({ id: riskGroups.id });
  await announceRiskGroupsChanged(workspaceId);
  return row!;
}

/** Replaces a group's settings as a whole (the form sends them all). */
export async function updateRiskGroup(
  db: Database,
  workspaceId: string,
  groupId: string,
  input: RiskGroupInput,
): Promise<{ id: string }> {
  const values = await checkGroup(db, workspaceId, input);
  const [row] = await db
    .update(riskGroups)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(riskGroups.id, groupId), eq(riskGroups.workspaceId, workspaceId)))
    .returning({ id: riskGroups.id });
  if (!row) throw new DomainError("not_found", RISK_GROUP_NOT_FOUND);
  await announceRiskGroupsChanged(workspaceId);
  return row;
}

/** Turns a group on or off without touching the rest. */
export async function setRiskGroupEnabled(db: Database, workspaceId: string, groupId: string, enabled: boolean) {
  const [row] = await db
    .update(riskGroups)
    .set({ enabled, updatedAt: sql`now()` })
    .where(and(eq(riskGroups.id, groupId), eq(riskGroups.workspaceId, workspaceId)))
    .returning({ id: riskGroups.id, enabled: riskGroups.enabled });
  if (!row) throw new DomainError("not_found", RISK_GROUP_NOT_FOUND);
  await announceRiskGroupsChanged(workspaceId);
  return row;
}

/** Deletes a group; its trigger records stay, with the group's name as it was. */
export async function deleteRiskGroup(db: Database, workspaceId: string, groupId: string): Promise<void> {
  const deleted = await db
    .delete(riskGroups)
    .where(and(eq(riskGroups.id, groupId), eq(riskGroups.workspaceId, workspaceId)))
    .returning({ id: riskGroups.id });
  if (!deleted.length) throw new DomainError("not_found", RISK_GROUP_NOT_FOUND);
  await announceRiskGroupsChanged(workspaceId);
}

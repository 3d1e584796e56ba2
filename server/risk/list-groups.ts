import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { riskGroups } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { RISK_GROUP_NOT_FOUND } from "./group-input";

/** What a group does and where: the list and the editor both show these. */
const groupSettings = {
  id: riskGroups.id,
  name: riskGroups.name,
  action: riskGroups.action,
  enabled: riskGroups.enabled,
  allProjects: riskGroups.allProjects,
  projectIds: riskGroups.projectIds,
};

/** The workspace's risk word groups for the list: counts instead of the (up to 10,000) keywords. */
export async function listRiskGroups(db: Database, workspaceId: string) {
  return db
    .select({
      ...groupSettings,
      keywordCount: sql<number>`jsonb_array_length(${riskGroups.keywords})::int`,
      patternCount: sql<number>`jsonb_array_length(${riskGroups.patterns})::int`,
      /** The first few keywords and patterns, to recognise the group by. */
      sample: sql<
        string[]
      >`(select coalesce(jsonb_agg(v), '[]'::jsonb) from (select v from jsonb_array_elements_text(${riskGroups.keywords} || ${riskGroups.patterns}) v limit 5) s)`,
      exemptCount: sql<number>`(jsonb_array_length(${riskGroups.exemptUserIds}) + jsonb_array_length(${riskGroups.exemptSkillGroupIds}))::int`,
      updatedAt: riskGroups.updatedAt,
    })
    .from(riskGroups)
    .where(eq(riskGroups.workspaceId, workspaceId))
    .orderBy(asc(riskGroups.createdAt), asc(riskGroups.id));
}

/** One group, whole, for editing. */
export async function getRiskGroup(db: Database, workspaceId: string, groupId: string) {
  const [group] = await db
    .select({
      ...groupSettings,
      keywords: riskGroups.keywords,
      patterns: riskGroups.patterns,
      exemptUserIds: riskGroups.exemptUserIds,
      exemptSkillGroupIds: riskGroups.exemptSkillGroupIds,
      updatedAt: riskGroups.updatedAt,
    })
    .from(riskGroups)
    .where(and(eq(riskGroups.id, groupId), eq(riskGroups.workspaceId, workspaceId)))
    .limit(1);
  if (!group) throw new DomainError("not_found", RISK_GROUP_NOT_FOUND);
  return group;
}

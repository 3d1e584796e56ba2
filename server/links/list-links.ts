import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bots, linkClicks, links, projects, skillGroups } from "@/db/schema";
import { shortLinkUrl } from "./short-url";

export type LinkStatus = "active" | "paused" | "expired";

/**
 * The workspace's links (deleted ones left out), newest first, each with its short URL, project,
 * bot, skill group and click, unique-visitor and Start counts.
 */
export async function listLinks(db: Database, workspaceId: string, now = new Date()) {
  const stats = db
    .select({
      linkId: linkClicks.linkId,
      clicks: sql<number>`count(*)::int`.as("clicks"),
      uniqueVisitors: sql<number>`(count(*) filter (where ${linkClicks.isUnique}))::int`.as("unique_visitors"),
      starts: sql<number>`count(${linkClicks.startedAt})::int`.as("starts"),
    })
    .from(linkClicks)
    .where(eq(linkClicks.workspaceId, workspaceId))
    .groupBy(linkClicks.linkId)
    .as("stats");

  const rows = await db
    .select({
      id: links.id,
      code: links.code,
      name: links.name,
      projectId: links.projectId,
      projectName: projects.name,
      botUsername: bots.username,
      skillGroupId: links.skillGroupId,
      skillGroupName: skillGroups.name,
      utmSource: links.utmSource,
      utmMedium: links.utmMedium,
      utmCampaign: links.utmCampaign,
      utmTerm: links.utmTerm,
      utmContent: links.utmContent,
      expiresAt: links.expiresAt,
      pausedAt: links.pausedAt,
      createdAt: links.createdAt,
      clicks: sql<number>`coalesce(${stats.clicks}, 0)`,
      uniqueVisitors: sql<number>`coalesce(${stats.uniqueVisitors}, 0)`,
      starts: sql<number>`coalesce(${stats.starts}, 0)`,
    })
    .from(links)
    .innerJoin(projects, eq(projects.id, links.projectId))
    .leftJoin(bots, eq(bots.projectId, links.projectId))
    .leftJoin(skillGroups, eq(skillGroups.id, links.skillGroupId))
    .leftJoin(stats, eq(stats.linkId, links.id))
    .where(and(eq(links.workspaceId, workspaceId), isNull(links.deletedAt)))
    .orderBy(desc(links.createdAt), desc(links.id));

  return rows.map((row) => ({
    ...row,
    shortUrl: shortLinkUrl(row.code),
    status: (row.pausedAt ? "paused" : row.expiresAt && row.expiresAt <= now ? "expired" : "active") as LinkStatus,
  }));
}

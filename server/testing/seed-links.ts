/** Diversion links and their clicks written straight to the database, for attribution and analytics tests. */
import { randomBytes } from "node:crypto";
import { database, type Database } from "@/db/client";
import { linkClicks, links, skillGroups } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { handleTelegramWebhook } from "@/server/telegram/handle-webhook";
import { webhookRequest, type Seeded } from "@/server/telegram/test-fixtures";

type ProjectRef = { id: string; workspaceId: string };
type Utm = {
  utmSource?: string | null;
  utmMedium?: string | null;
  utmCampaign?: string | null;
  utmTerm?: string | null;
  utmContent?: string | null;
};

export async function seedLink(project: ProjectRef, options: { name?: string; skillGroupId?: string | null } & Utm = {}) {
  const [link] = await database()
    .insert(links)
    .values({
      workspaceId: project.workspaceId,
      projectId: project.id,
      code: `t${randomBytes(6).toString("hex")}`,
      name: options.name ?? "Spring ad",
      skillGroupId: options.skillGroupId ?? null,
      utmSource: options.utmSource ?? null,
      utmMedium: options.utmMedium ?? null,
      utmCampaign: options.utmCampaign ?? null,
    })
    .returning();
  return link!;
}

export async function seedSkillGroup(workspaceId: string, name = `Group ${randomBytes(3).toString("hex")}`) {
  const [group] = await database().insert(skillGroups).values({ workspaceId, name }).returning();
  return group!;
}

export type SeedClick = Utm & {
  payload?: string;
  clickedAt?: Date;
  isBot?: boolean;
  isUnique?: boolean;
  device?: string | null;
  browser?: string | null;
  os?: string | null;
  referrer?: string | null;
  referrerHost?: string | null;
  startedAt?: Date | null;
};

/** A recorded click of `link` (in `db`, which may be a transaction); UTM values default to the link's, as the redirect route fills them. */
export async function seedClick(link: typeof links.$inferSelect, click: SeedClick = {}, db: Database | Tx = database()) {
  const [row] = await db
    .insert(linkClicks)
    .values({
      workspaceId: link.workspaceId,
      projectId: link.projectId,
      linkId: link.id,
      payload: click.payload ?? `c${randomBytes(12).toString("hex")}`,
      clickedAt: click.clickedAt ?? new Date(),
      ip: "203.0.113.7",
      userAgent: click.isBot ? "Googlebot/2.1" : "Mozilla/5.0",
      browser: click.browser ?? (click.isBot ? null : "Chrome"),
      os: click.os ?? null,
      device: click.device === undefined ? (click.isBot ? "bot" : "mobile") : click.device,
      isBot: click.isBot ?? false,
      referrer: click.referrer ?? null,
      referrerHost: click.referrerHost ?? null,
      utmSource: click.utmSource === undefined ? link.utmSource : click.utmSource,
      utmMedium: click.utmMedium === undefined ? link.utmMedium : click.utmMedium,
      utmCampaign: click.utmCampaign === undefined ? link.utmCampaign : click.utmCampaign,
      utmTerm: click.utmTerm ?? null,
      utmContent: click.utmContent ?? null,
      visitorKey: randomBytes(16).toString("hex"),
      isUnique: click.isUnique ?? !click.isBot,
      startedAt: click.startedAt ?? null,
    })
    .returning();
  return row!;
}

/**
 * Delivers an update to the seeded bot's webhook as Telegram would, without the routing that runs
 * after commit: these tests set assignments themselves and must not race the router.
 */
export function deliverUnrouted(seed: Seeded, body: unknown): Promise<Response> {
  return handleTelegramWebhook(webhookRequest(body, { secret: seed.secret, botId: seed.bot.id }), seed.bot.id, {
    wake: async () => {},
  });
}

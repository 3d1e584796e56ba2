import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { attributionTouches, contacts, linkClicks, links, sessions } from "@/db/schema";
import { openableSession } from "@/server/inbox/session-access";

/** One Start through a diversion link: the link, the click that led to it and when the customer pressed Start. */
export type Touch = {
  linkId: string;
  linkName: string;
  linkCode: string;
  linkDeleted: boolean;
  clickedAt: Date;
  startedAt: Date;
  /** Whether the Start opened or continued the conversation being viewed. */
  thisConversation: boolean;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  referrer: string | null;
  referrerHost: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
};

/** Where a customer came from: the first touch (kept) and every later one, oldest first. Null first touch = came directly. */
export type ContactProfile = { firstTouch: Touch | null; laterTouches: Touch[] };

/**
 * The attribution part of the customer's profile in a conversation, for those who may open that
 * conversation (the inbox's own visibility rule, per agent).
 */
export async function contactProfile(
  db: Database,
  input: { workspaceId: string; userId: string; sessionId: string },
): Promise<ContactProfile> {
  await openableSession(db, input);
  const rows = await db
    .select({
      firstClickId: contacts.firstClickId,
      clickId: attributionTouches.clickId,
      touch: {
        linkId: links.id,
        linkName: links.name,
        linkCode: links.code,
        linkDeleted: sql<boolean>`${links.deletedAt} is not null`,
        clickedAt: linkClicks.clickedAt,
        startedAt: attributionTouches.at,
        thisConversation: sql<boolean>`${attributionTouches.sessionId} is not distinct from ${sessions.id}`,
        utmSource: linkClicks.utmSource,
        utmMedium: linkClicks.utmMedium,
        utmCampaign: linkClicks.utmCampaign,
        utmTerm: linkClicks.utmTerm,
        utmContent: linkClicks.utmContent,
        referrer: linkClicks.referrer,
        referrerHost: linkClicks.referrerHost,
        device: linkClicks.device,
        browser: linkClicks.browser,
        os: linkClicks.os,
      },
    })
    .from(sessions)
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .innerJoin(
      attributionTouches,
      and(eq(attributionTouches.contactId, contacts.id), eq(attributionTouches.workspaceId, sessions.workspaceId)),
    )
    .innerJoin(linkClicks, eq(linkClicks.id, attributionTouches.clickId))
    .innerJoin(links, eq(links.id, attributionTouches.linkId))
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.workspaceId, input.workspaceId)))
    .orderBy(asc(attributionTouches.at), asc(attributionTouches.id));

  if (rows.length === 0) return { firstTouch: null, laterTouches: [] };
  // The contact's first click is the first touch even if a touch was recorded out of order (backfill).
  const firstIndex = Math.max(
    0,
    rows.findIndex((r) => r.clickId === r.firstClickId),
  );
  return {
    firstTouch: rows[firstIndex]!.touch,
    laterTouches: rows.filter((_, i) => i !== firstIndex).map((r) => r.touch),
  };
}

import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { links } from "@/db/schema";
import type { PlanState } from "@/lib/access/plan-state";
import { announceLinkChanged } from "./announce-link-changed";
import { assertLinksIncluded } from "./link-access";
import { lockLink } from "./lock-link";

/** Pauses a link (its short URL answers 404 until resumed) or resumes it. */
export async function setLinkPaused(
  db: Database,
  input: { workspaceId: string; linkId: string; plan: PlanState; paused: boolean },
) {
  assertLinksIncluded(input.plan);
  const link = await db.transaction(async (tx) => {
    const locked = await lockLink(tx, input.workspaceId, input.linkId);
    // Pausing a paused link keeps when it was first paused.
    if (input.paused !== (locked.pausedAt !== null)) {
      await tx
        .update(links)
        .set({ pausedAt: input.paused ? sql`now()` : null, updatedAt: sql`now()` })
        .where(eq(links.id, locked.id));
    }
    return locked;
  });
  await announceLinkChanged([link.code]);
  return { id: link.id, paused: input.paused };
}

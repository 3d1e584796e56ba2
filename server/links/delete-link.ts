import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { links } from "@/db/schema";
import { announceLinkChanged } from "./announce-link-changed";
import { lockLink } from "./lock-link";

/**
 * Deletes a link: its short URL answers 404 from now on, it leaves the list and the quota; its clicks
 * stay for analytics and its code is never given out again.
 */
export async function deleteLink(db: Database, input: { workspaceId: string; linkId: string }) {
  const link = await db.transaction(async (tx) => {
    const locked = await lockLink(tx, input.workspaceId, input.linkId);
    await tx
      .update(links)
      .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(links.id, locked.id));
    return locked;
  });
  await announceLinkChanged([link.code]);
  return { id: link.id };
}

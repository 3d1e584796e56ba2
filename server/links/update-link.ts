import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { links } from "@/db/schema";
import type { PlanState } from "@/lib/access/plan-state";
import { announceLinkChanged } from "./announce-link-changed";
import { assertLinksIncluded } from "./link-access";
import type { LinkSettings } from "./link-input";
import { assertLinkTarget } from "./link-target";
import { lockLink } from "./lock-link";

/** Changes a link's name, project, UTM defaults, skill group and expiry. The code never changes: it is printed. */
export async function updateLink(
  db: Database,
  input: { workspaceId: string; linkId: string; plan: PlanState; settings: LinkSettings },
) {
  assertLinksIncluded(input.plan);
  const link = await db.transaction(async (tx) => {
    const locked = await lockLink(tx, input.workspaceId, input.linkId);
    await assertLinkTarget(tx, input.workspaceId, input.settings);
    await tx
      .update(links)
      .set({ ...input.settings, updatedAt: sql`now()` })
      .where(eq(links.id, locked.id));
    return locked;
  });
  await announceLinkChanged([link.code]);
  return { id: link.id, code: link.code };
}

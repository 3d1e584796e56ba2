import type { Database } from "@/db/client";
import { links } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { PlanState } from "@/lib/access/plan-state";
import { announceLinkChanged } from "./announce-link-changed";
import { assertLinkQuota, assertLinksIncluded } from "./link-access";
import { generateLinkCode } from "./link-code";
import type { LinkSettings } from "./link-input";
import { assertLinkTarget } from "./link-target";
import { shortLinkUrl } from "./short-url";

export const CODE_TAKEN = "That code is already taken. Choose another.";
const GENERATION_ATTEMPTS = 5;

/**
 * A new diversion link, within the plan's feature set and link quota. `code` null: a random one
 * (drawn again on the rare collision); a custom code that is taken is refused on the code field.
 */
export async function createLink(
  db: Database,
  input: { workspaceId: string; userId: string; plan: PlanState; code: string | null; settings: LinkSettings },
) {
  assertLinksIncluded(input.plan);
  const created = await db.transaction(async (tx) => {
    await assertLinkQuota(tx, input.workspaceId, input.plan);
    await assertLinkTarget(tx, input.workspaceId, input.settings);
    for (let attempt = 0; attempt < (input.code ? 1 : GENERATION_ATTEMPTS); attempt++) {
      const [row] = await tx
        .insert(links)
        .values({
          ...input.settings,
          workspaceId: input.workspaceId,
          code: input.code ?? generateLinkCode(),
          createdByUserId: input.userId,
        })
        .onConflictDoNothing({ target: links.code })
        .returning({ id: links.id, code: links.code, name: links.name });
      if (row) return row;
    }
    if (input.code) throw new DomainError("conflict", CODE_TAKEN, { field: "code" });
    throw new Error("Could not draw an unused link code.");
  });
  // A code that was looked up before it existed is cached as unknown: drop that.
  await announceLinkChanged([created.code]);
  return { ...created, shortUrl: shortLinkUrl(created.code) };
}

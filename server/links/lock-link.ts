import { and, eq, isNull } from "drizzle-orm";
import { links } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import { LINK_NOT_FOUND } from "./link-input";

/** The workspace's (not deleted) link, locked for a change; another workspace's link is "not found". */
export async function lockLink(tx: Tx, workspaceId: string, linkId: string) {
  const [link] = await tx
    .select({ id: links.id, code: links.code, pausedAt: links.pausedAt })
    .from(links)
    .where(and(eq(links.id, linkId), eq(links.workspaceId, workspaceId), isNull(links.deletedAt)))
    .for("update");
  if (!link) throw new DomainError("not_found", LINK_NOT_FOUND);
  return link;
}

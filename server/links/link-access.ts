import { featureMissingMessage } from "@/lib/access/permission";
import { and, count, eq, isNull } from "drizzle-orm";
import { links, workspaces } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { PlanState } from "@/lib/access/plan-state";
import type { Tx } from "@/db/transaction";

type Plan = Pick<PlanState, "plan" | "label" | "quotas" | "features">;

/** Standard and above (and the Trial) include diversion links; otherwise every change is refused with the way out. */
export function assertLinksIncluded(plan: Plan): void {
  if (!plan.features.includes("diversionLinks"))
    throw new DomainError("forbidden", featureMissingMessage("diversionLinks", plan));
}

/** The quota message PRODUCT.md asks for: it names the plan, the quota and what to do. */
export function linkQuotaMessage(plan: Pick<PlanState, "plan" | "label" | "quotas">): string {
  const n = plan.quotas.links;
  const included = `Your ${plan.label} plan includes ${n} diversion ${n === 1 ? "link" : "links"}.`;
  const way =
    plan.plan === "pro" ? "Delete a link to add another." : "Delete a link or upgrade in Settings → Plan to add another.";
  return `${included} ${way}`;
}

/**
 * Refuses a new link when the workspace already has as many (non-deleted) links as its plan allows.
 * The workspace row is locked first, so two creates at once count one after the other.
 */
export async function assertLinkQuota(tx: Tx, workspaceId: string, plan: Plan): Promise<void> {
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("no key update");
  const [live] = await tx
    .select({ n: count() })
    .from(links)
    .where(and(eq(links.workspaceId, workspaceId), isNull(links.deletedAt)));
  if ((live?.n ?? 0) >= plan.quotas.links) {
    throw new DomainError("quota_exceeded", linkQuotaMessage(plan), { quota: "links" });
  }
}

import { and, count, eq, isNull } from "drizzle-orm";
import { projects, workspaces } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import type { PlanState } from "@/lib/access/plan-state";

/** The quota message PRODUCT.md asks for: it names the plan, the quota and what to do. */
export function projectQuotaMessage(plan: Pick<PlanState, "plan" | "label" | "quotas">): string {
  const n = plan.quotas.projects;
  const included = `Your ${plan.label} plan includes ${n} ${n === 1 ? "project" : "projects"}.`;
  // Pro is the largest plan: there is nothing to upgrade to.
  const way =
    plan.plan === "pro" ? "Archive a project to add another." : "Archive a project or upgrade in Settings → Plan to add another.";
  return `${included} ${way}`;
}

/**
 * Refuses a new project when the workspace already has as many live (non-archived) projects as its
 * plan allows. The workspace row is locked first, so two creates at once count one after the other;
 * NO KEY UPDATE does not block the foreign-key checks of rows inserted elsewhere in the workspace.
 */
export async function assertProjectQuota(tx: Tx, workspaceId: string, plan: Pick<PlanState, "plan" | "label" | "quotas">) {
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("no key update");
  const [live] = await tx
    .select({ n: count() })
    .from(projects)
    .where(and(eq(projects.workspaceId, workspaceId), isNull(projects.archivedAt)));
  if ((live?.n ?? 0) >= plan.quotas.projects) {
    throw new DomainError("quota_exceeded", projectQuotaMessage(plan), { quota: "projects" });
  }
}

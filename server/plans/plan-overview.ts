import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, projects } from "@/db/schema";
import { rolesThatMay } from "@/lib/access/permission";
import type { PlanState } from "@/lib/access/plan-state";
import { AVAILABLE_FEATURES, FEATURE_LABELS } from "@/lib/access/plans";

/**
 * Plan, trial days left, and usage against quotas for the Settings → Plan page. Only features that
 * exist are listed (lib/access/plans.ts), so the page never promises what the console cannot do.
 */
export async function planOverview(db: Database, workspace: { id: string }, state: PlanState) {
  const [[seats], [projectCount]] = await Promise.all([
    db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspace.id), inArray(memberships.role, rolesThatMay("inbox.work")))),
    db
      .select({ n: count() })
      .from(projects)
      .where(and(eq(projects.workspaceId, workspace.id), isNull(projects.archivedAt))),
  ]);
  return {
    ...state,
    endsAt: state.endsAt?.toISOString() ?? null,
    usage: { seats: seats?.n ?? 0, projects: projectCount?.n ?? 0 },
    features: AVAILABLE_FEATURES.map((id) => ({ id, label: FEATURE_LABELS[id], included: state.features.includes(id) })),
  };
}

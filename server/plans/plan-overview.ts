import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, projects } from "@/db/schema";
import { FEATURE_LABELS, PLANS, SEAT_ROLES, type PlanId } from "./catalogue";
import { loadPlanState } from "./load-plan-state";

/** Plan, trial days left, and usage against quotas for the Settings → Plan page. */
export async function planOverview(db: Database, workspace: { id: string; plan: PlanId; trialEndsAt: Date }, now = new Date()) {
  const state = await loadPlanState(db, workspace, now);
  const [[seats], [projectCount]] = await Promise.all([
    db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspace.id), inArray(memberships.role, [...SEAT_ROLES]))),
    db
      .select({ n: count() })
      .from(projects)
      .where(and(eq(projects.workspaceId, workspace.id), isNull(projects.archivedAt))),
  ]);
  return {
    ...state,
    endsAt: state.endsAt?.toISOString() ?? null,
    usage: { seats: seats?.n ?? 0, projects: projectCount?.n ?? 0 },
    features: Object.entries(FEATURE_LABELS).map(([id, label]) => ({
      id,
      label,
      included: (PLANS[state.plan].features as readonly string[]).includes(id),
    })),
  };
}

import { PLANS, type Feature, type PlanId } from "./plans";

const DAY_MS = 86_400_000;

export type PlanState = {
  plan: PlanId;
  label: string;
  status: "trialing" | "active" | "expired";
  /** When the trial or the paid period ends; null for a paid plan with no active period. */
  endsAt: Date | null;
  /** Whole days left, rounded up, so a fresh 3-day trial shows 3. */
  daysLeft: number;
  /** Expired plans keep data but the console is read-only and agents cannot work sessions. */
  readOnly: boolean;
  quotas: { seats: number; projects: number; links: number };
  features: readonly Feature[];
};

type WorkspacePlan = { plan: PlanId; trialEndsAt: Date };
type ActiveSubscription = { plan: PlanId; seats: number; periodEnd: Date } | null;

/** Works out what a workspace may do right now from its plan, trial end and current paid period. */
export function planState(workspace: WorkspacePlan, subscription: ActiveSubscription, now = new Date()): PlanState {
  const plan = workspace.plan;
  const spec = PLANS[plan];
  const endsAt = plan === "trial" ? workspace.trialEndsAt : (subscription?.periodEnd ?? null);
  const live = endsAt !== null && endsAt.getTime() > now.getTime();
  const daysLeft = live ? Math.ceil((endsAt.getTime() - now.getTime()) / DAY_MS) : 0;
  return {
    plan,
    label: spec.label,
    status: !live ? "expired" : plan === "trial" ? "trialing" : "active",
    endsAt,
    daysLeft,
    readOnly: !live,
    quotas: {
      seats: plan === "standard" && subscription ? subscription.seats : spec.seats,
      projects: spec.projects,
      links: spec.links,
    },
    features: spec.features,
  };
}

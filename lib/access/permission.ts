import { ruleOf, type Action } from "./actions";
import type { PlanState } from "./plan-state";
import { FEATURE_LABELS, PLANS, type PlanId } from "./plans";
import { ROLES, type Role } from "./roles";

/** Who is asking: their role, the workspace's plan right now, and their member permissions. */
export type Asker = {
  role: Role;
  plan: Pick<PlanState, "plan" | "label" | "readOnly" | "features">;
  member?: { mayTransfer?: boolean; mayViewAll?: boolean };
};

/** The answer, with the one sentence a person sees when it is no. */
export type Permission =
  { allowed: true; reason: null } | { allowed: false; reason: string; kind: "role" | "plan_expired" | "feature" };

const PLURAL: Record<Role, string> = {
  owner: "owners",
  admin: "admins",
  supervisor: "supervisors",
  agent: "agents",
  marketer: "marketers",
};

function listOf(words: readonly string[], conjunction = "and"): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} ${conjunction} ${words.at(-1)}` : (words[0] ?? "");
}

/** The message for a plan that has expired: the console is read-only (PRODUCT.md). */
export function planExpiredMessage(plan: Pick<PlanState, "label">): string {
  return `Your ${plan.label} plan has expired, so this workspace is read-only. Choose a plan in Settings → Plan to make changes again.`;
}

/** The message for a feature the plan lacks, naming the paid plans that include it. */
export function featureMissingMessage(feature: keyof typeof FEATURE_LABELS, plan: Pick<PlanState, "label">): string {
  const paid = (Object.keys(PLANS) as PlanId[]).filter(
    (id) => id !== "trial" && (PLANS[id].features as readonly string[]).includes(feature),
  );
  const label = FEATURE_LABELS[feature];
  const plural = label.endsWith("s");
  return `${label} ${plural ? "are" : "is"} not included in your ${plan.label} plan. Choose ${listOf(
    paid.map((id) => PLANS[id].label),
    "or",
  )} in Settings → Plan to use ${plural ? "them" : "it"}.`;
}

/**
 * May this member do this here, on this plan? Role first (a person who may not anyway is not told to
 * upgrade), then the plan's state (an expired plan is read-only), then the plan's features.
 */
export function permission(action: Action, { role, plan, member }: Asker): Permission {
  const rule = ruleOf(action);
  const seat = ruleOf("inbox.work").roles.includes(role);
  const granted = rule.grant !== undefined && seat && member?.[rule.grant] === true;
  if (!rule.roles.includes(role) && !granted) {
    // A seat member could be given the permission: say who can give it.
    const reason =
      rule.grant && seat
        ? `You may not ${rule.does}. An owner or admin can allow it on the Agents page.`
        : `Only ${listOf(rule.roles.map((r) => PLURAL[r]))} can ${rule.does}.`;
    return { allowed: false, kind: "role", reason };
  }
  if (rule.writes && plan.readOnly) return { allowed: false, kind: "plan_expired", reason: planExpiredMessage(plan) };
  if (rule.feature && !plan.features.includes(rule.feature)) {
    return { allowed: false, kind: "feature", reason: featureMissingMessage(rule.feature, plan) };
  }
  return { allowed: true, reason: null };
}

/** Whether the role may, leaving plan and member permissions aside (for lists and queries by role). */
export function roleMay(role: Role, action: Action): boolean {
  return ruleOf(action).roles.includes(role);
}

/** The roles that may, for queries that filter members by what they can do (seats, statuses). */
export function rolesThatMay(action: Action): Role[] {
  return ROLES.filter((role) => roleMay(role, action));
}

/** Whether this member may, by role or by their own permission, whatever the plan (what a list shows them). */
export function memberMay(action: Action, role: Role, member: { mayTransfer?: boolean; mayViewAll?: boolean }): boolean {
  const rule = ruleOf(action);
  return rule.roles.includes(role) || (rule.grant !== undefined && roleMay(role, "inbox.work") && member[rule.grant] === true);
}

/** Whether `actor` stands at least as high as `target` (owner, admin, supervisor, agent, marketer). */
export function ranksAtLeast(actor: Role, target: Role): boolean {
  return ROLES.indexOf(actor) <= ROLES.indexOf(target);
}

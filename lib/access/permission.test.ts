import { describe, expect, it } from "vitest";
import { ACTIONS, type Action } from "./actions";
import { memberMay, permission, planExpiredMessage, ranksAtLeast, rolesThatMay } from "./permission";
import { planState } from "./plan-state";
import { ROLES, type Role } from "./roles";

/**
 * Who may, written out by hand (O owner, A admin, S supervisor, G agent, M marketer): a second
 * source of truth, so a change to lib/access/actions.ts shows here as a deliberate edit.
 */
const WHO: Record<Action, string> = {
  "workspace.view": "OASGM",
  "workspace.rename": "OA",
  "projects.view": "OASGM",
  "projects.manage": "OA",
  "routing.view": "OAS",
  "routing.manage": "OA",
  "team.list": "OASGM",
  "team.view": "OAS",
  "team.manage": "OA",
  "team.manage_admins": "O",
  "status.own": "OASG",
  "status.watch": "OAS",
  "status.set_others": "OAS",
  "status.settings": "OA",
  "inbox.view": "OASG",
  "inbox.work": "OASG",
  "inbox.view_all": "OAS",
  "inbox.supervise": "OAS",
  "inbox.transfer": "OAS",
  "inbox.sandbox": "OASG",
  "risk.check": "OASG",
  "risk.view": "OAS",
  "risk.manage": "OA",
  "risk.delete": "OA",
  "links.view": "OAM",
  "links.manage": "OAM",
  "audit.view": "OAS",
};
const LETTER: Record<Role, string> = { owner: "O", admin: "A", supervisor: "S", agent: "G", marketer: "M" };
/** Actions that change data: refused while the plan has expired. */
const WRITES = new Set<Action>([
  "workspace.rename",
  "projects.manage",
  "routing.manage",
  "team.manage",
  "team.manage_admins",
  "status.own",
  "status.set_others",
  "status.settings",
  "inbox.work",
  "inbox.supervise",
  "inbox.transfer",
  "risk.manage",
  "risk.delete",
  "links.manage",
]);

const now = new Date("2026-12-04T12:00:00Z");
const day = 86_400_000;
const future = new Date(now.getTime() + 10 * day);
const past = new Date(now.getTime() - day);
const PLAN_STATES = {
  trialing: planState({ plan: "trial", trialEndsAt: future }, null, now),
  "standard, active": planState({ plan: "standard", trialEndsAt: past }, { plan: "standard", seats: 5, periodEnd: future }, now),
  "pro, active": planState({ plan: "pro", trialEndsAt: past }, { plan: "pro", seats: 20, periodEnd: future }, now),
  "trial, expired": planState({ plan: "trial", trialEndsAt: past }, null, now),
  "pro, expired": planState({ plan: "pro", trialEndsAt: past }, null, now),
};
/** Plan features an action needs, and the plans that lack them. */
const NEEDS_FEATURE: Partial<Record<Action, { missingOn: (keyof typeof PLAN_STATES)[]; message: RegExp }>> = {
  "risk.manage": {
    missingOn: ["standard, active"],
    message: /^Content risk control is not included in your Standard plan\. Choose Pro in Settings → Plan to use it\.$/,
  },
  "inbox.transfer": { missingOn: [], message: /Session transfer/ },
  "routing.manage": { missingOn: [], message: /Routing rules/ },
  "links.manage": { missingOn: [], message: /Diversion links/ },
};

const cases = (Object.keys(ACTIONS) as Action[]).flatMap((action) =>
  ROLES.flatMap((role) =>
    (Object.keys(PLAN_STATES) as (keyof typeof PLAN_STATES)[]).map((state) => [action, role, state] as const),
  ),
);

describe("the access model", () => {
  it("lists every action in the hand-written table", () => {
    expect(Object.keys(WHO).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it.each(cases)("%s by %s, %s", (action, role, state) => {
    const plan = PLAN_STATES[state];
    const answer = permission(action, { role, plan });
    if (!WHO[action].includes(LETTER[role])) {
      expect(answer).toMatchObject({ allowed: false, kind: "role" });
      expect(answer.reason).toMatch(
        /^(Only [a-z, ]+ can .+\.|You may not .+\. An owner or admin can allow it on the Agents page\.)$/,
      );
    } else if (WRITES.has(action) && plan.readOnly) {
      expect(answer).toEqual({ allowed: false, kind: "plan_expired", reason: planExpiredMessage(plan) });
    } else if (NEEDS_FEATURE[action]?.missingOn.includes(state)) {
      expect(answer).toMatchObject({
        allowed: false,
        kind: "feature",
        reason: expect.stringMatching(NEEDS_FEATURE[action]!.message),
      });
    } else {
      expect(answer).toEqual({ allowed: true, reason: null });
    }
  });

  it("says the one expired-plan sentence a person sees", () => {
    expect(permission("projects.manage", { role: "owner", plan: PLAN_STATES["trial, expired"] }).reason).toBe(
      "Your Trial plan has expired, so this workspace is read-only. Choose a plan in Settings → Plan to make changes again.",
    );
  });

  it("names who may in its refusals, and who can allow what a permission grants", () => {
    const plan = PLAN_STATES.trialing;
    expect(permission("projects.manage", { role: "agent", plan }).reason).toBe(
      "Only owners and admins can change projects and bots.",
    );
    expect(permission("links.view", { role: "supervisor", plan }).reason).toBe(
      "Only owners, admins and marketers can work with diversion links.",
    );
    expect(permission("inbox.transfer", { role: "agent", plan }).reason).toBe(
      "You may not transfer conversations. An owner or admin can allow it on the Agents page.",
    );
    expect(permission("inbox.transfer", { role: "marketer", plan, member: { mayTransfer: true } }).reason).toBe(
      "Only owners, admins and supervisors can transfer conversations.",
    );
  });

  it("lets member permissions extend an action to agents, never to people without a seat", () => {
    const plan = PLAN_STATES.trialing;
    expect(permission("inbox.transfer", { role: "agent", plan, member: { mayTransfer: true } }).allowed).toBe(true);
    expect(permission("inbox.view_all", { role: "agent", plan, member: { mayViewAll: true } }).allowed).toBe(true);
    expect(permission("inbox.view_all", { role: "agent", plan, member: { mayTransfer: true } }).allowed).toBe(false);
    expect(memberMay("inbox.view_all", "marketer", { mayViewAll: true })).toBe(false);
    // The permission grants the action, not the plan: an expired plan still refuses transfers.
    expect(
      permission("inbox.transfer", { role: "agent", plan: PLAN_STATES["trial, expired"], member: { mayTransfer: true } }),
    ).toMatchObject({
      allowed: false,
      kind: "plan_expired",
    });
  });

  it("derives role lists for queries from the same table", () => {
    expect(rolesThatMay("inbox.work")).toEqual(["owner", "admin", "supervisor", "agent"]);
    expect(rolesThatMay("links.view")).toEqual(["owner", "admin", "marketer"]);
    expect(ranksAtLeast("admin", "supervisor")).toBe(true);
    expect(ranksAtLeast("supervisor", "admin")).toBe(false);
  });
});

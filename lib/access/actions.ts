import type { Feature } from "./plans";
import type { Role } from "./roles";

type Rule = {
  /** Who may, by role. */
  roles: readonly Role[];
  /** What it is, completing "Only owners and admins can …". */
  does: string;
  /** Changes data: refused while the plan has expired (the console is read-only then). */
  writes?: true;
  /** Needs this feature in the workspace's plan. */
  feature?: Feature;
  /** A member permission that also allows it to any member with a seat. */
  grant?: "mayTransfer" | "mayViewAll";
};

const EVERYONE = ["owner", "admin", "supervisor", "agent", "marketer"] as const satisfies readonly Role[];
/** Members with a seat: everyone who works conversations (marketers do not). */
const SEATS = ["owner", "admin", "supervisor", "agent"] as const satisfies readonly Role[];
const SUPERVISORS = ["owner", "admin", "supervisor"] as const satisfies readonly Role[];
const MANAGERS = ["owner", "admin"] as const satisfies readonly Role[];
const MARKETING = ["owner", "admin", "marketer"] as const satisfies readonly Role[];

/**
 * Every action a member can take in a workspace, and who may take it: the one table behind the
 * tRPC procedures, route handlers, pages and the console's buttons (lib/access/permission.ts).
 */
export const ACTIONS = {
  "workspace.view": { roles: EVERYONE, does: "open this workspace" },
  "workspace.rename": { roles: MANAGERS, does: "rename the workspace", writes: true },
  "projects.view": { roles: EVERYONE, does: "see projects" },
  "projects.manage": { roles: MANAGERS, does: "change projects and bots", writes: true },
  "routing.view": { roles: SUPERVISORS, does: "see routing settings" },
  "routing.manage": { roles: MANAGERS, does: "change routing settings", writes: true, feature: "routing" },
  "team.list": { roles: EVERYONE, does: "see who is on the team" },
  "team.view": { roles: SUPERVISORS, does: "see the team's settings and invitations" },
  "team.manage": { roles: MANAGERS, does: "invite people or change members", writes: true },
  "team.manage_admins": { roles: ["owner"], does: "make, change or remove admins", writes: true },
  "status.own": { roles: SEATS, does: "have an agent status", writes: true },
  "status.watch": { roles: SUPERVISORS, does: "watch the team's status" },
  "status.set_others": { roles: SUPERVISORS, does: "set other members' status", writes: true },
  "status.settings": { roles: MANAGERS, does: "change agent status settings", writes: true },
  "inbox.view": { roles: SEATS, does: "use the inbox" },
  "inbox.work": { roles: SEATS, does: "work conversations", writes: true },
  "inbox.view_all": { roles: SUPERVISORS, does: "see every conversation", grant: "mayViewAll" },
  "inbox.supervise": { roles: SUPERVISORS, does: "assign, reassign and take over conversations", writes: true },
  "inbox.transfer": {
    roles: SUPERVISORS,
    does: "transfer conversations",
    writes: true,
    feature: "transfer",
    grant: "mayTransfer",
  },
  "inbox.sandbox": { roles: SEATS, does: "write as a test customer" },
  "risk.check": { roles: SEATS, does: "check their replies against risk word groups" },
  "risk.view": { roles: SUPERVISORS, does: "see risk word groups" },
  "risk.manage": { roles: MANAGERS, does: "change risk word groups", writes: true, feature: "riskControl" },
  // Removing a rule is allowed on any plan: its records stay.
  "risk.delete": { roles: MANAGERS, does: "delete risk word groups", writes: true },
  "links.view": { roles: MARKETING, does: "work with diversion links" },
  "links.manage": { roles: MARKETING, does: "change diversion links", writes: true, feature: "diversionLinks" },
  "audit.view": { roles: SUPERVISORS, does: "read the audit" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof ACTIONS;

/**
 * What a procedure outside a workspace requires: nothing (sign-up, the invitation page's join) or
 * only a signed-in person (their workspaces, accepting an invitation).
 */
export type OpenAccess = "public" | "signed_in";

export function ruleOf(action: Action): Rule {
  return ACTIONS[action];
}

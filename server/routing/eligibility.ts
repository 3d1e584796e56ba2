import type { AgentStatus } from "@/server/presence/change-status";

/** One seat member as routing sees them at the moment of a decision. */
export type RoutingAgent = {
  userId: string;
  status: AgentStatus;
  capacity: number;
  /** Open sessions assigned to them across every project of the workspace. */
  load: number;
  /** When routing last gave them a session, in microseconds since the epoch; null when never. */
  lastAssignedUs: number | null;
  /** Skill groups they belong to. */
  skillGroupIds: readonly string[];
};

export type RoutingRule = "round_robin" | "online_first";
export type RoutingStrategy = "rotation" | "least_loaded";

/** A project's routing settings. */
export type ProjectRouting = {
  rule: RoutingRule;
  strategy: RoutingStrategy;
  stickyCustomers: boolean;
  /** Agents of a project with scope "specific"; null when every seat member is in scope. */
  scopedUserIds: ReadonlySet<string> | null;
};

/** What a waiting session asks of routing. */
export type WaitingSession = {
  skillGroupId: string | null;
  /** The agent who last worked this customer (sticky routing). */
  lastAgentUserId: string | null;
};

/** What the session log records for a decision. */
export type LoggedRule = RoutingRule | "online_first→round_robin" | "sticky";

export type RoutingDecision =
  | { chosen: RoutingAgent; rule: LoggedRule; candidates: number; reason: string }
  | { chosen: null; rule: LoggedRule; candidates: 0; reason: string };

/** Statuses that never receive a new session, not even in round robin. */
const NEVER_ROUTED: ReadonlySet<AgentStatus> = new Set<AgentStatus>(["finishing", "kicked_out"]);

const STATUS_WORDS: Record<AgentStatus, string> = {
  available: "available",
  busy: "busy",
  away: "away",
  not_ready: "not ready",
  finishing: "finishing",
  kicked_out: "kicked out",
  offline: "offline",
};

/** Round robin's set: in scope, under capacity, not Finishing or Kicked out — whatever their online status. */
export function inRoundRobin(agent: RoutingAgent): boolean {
  return agent.load < agent.capacity && !NEVER_ROUTED.has(agent.status);
}

/** Online first's set: Available and under capacity. */
export function inOnlineFirst(agent: RoutingAgent): boolean {
  return agent.load < agent.capacity && agent.status === "available";
}

/**
 * The agents a session of this project can go to at all: seat members in the project's scope, and
 * members of the session's skill group unless nobody is in that group (then the group is ignored).
 * `staffedGroups` holds the skill groups that have at least one seat member.
 */
export function agentsInScope(
  agents: readonly RoutingAgent[],
  project: ProjectRouting,
  session: WaitingSession,
  staffedGroups: ReadonlySet<string>,
): RoutingAgent[] {
  const group = session.skillGroupId && staffedGroups.has(session.skillGroupId) ? session.skillGroupId : null;
  return agents.filter(
    (agent) =>
      (project.scopedUserIds === null || project.scopedUserIds.has(agent.userId)) &&
      (group === null || agent.skillGroupIds.includes(group)),
  );
}

/** Rotation: longest since their last assignment first (never assigned first), then by user id. */
export function byRotation(a: RoutingAgent, b: RoutingAgent): number {
  if (a.lastAssignedUs !== b.lastAssignedUs) {
    if (a.lastAssignedUs === null) return -1;
    if (b.lastAssignedUs === null) return 1;
    return a.lastAssignedUs - b.lastAssignedUs;
  }
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

/** Least loaded: fewest open sessions first, then rotation. */
export function byLoad(a: RoutingAgent, b: RoutingAgent): number {
  return a.load - b.load || byRotation(a, b);
}

/** The candidates in the order the strategy gives sessions to them. */
export function orderCandidates(candidates: readonly RoutingAgent[], strategy: RoutingStrategy): RoutingAgent[] {
  return [...candidates].sort(strategy === "least_loaded" ? byLoad : byRotation);
}

function first(candidates: readonly RoutingAgent[], strategy: RoutingStrategy): RoutingAgent {
  const compare = strategy === "least_loaded" ? byLoad : byRotation;
  let best = candidates[0]!;
  for (const agent of candidates) if (compare(agent, best) < 0) best = agent;
  return best;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why nobody in scope can take the session, in a supervisor's words. */
export function nobodyReason(inScope: readonly RoutingAgent[], grouped: boolean): string {
  if (inScope.length === 0) {
    return grouped
      ? "No agent available: nobody in the session's skill group is in this project's agent scope"
      : "No agent available: nobody is in this project's agent scope";
  }
  const counts = new Map<string, number>();
  for (const agent of inScope) {
    const why = NEVER_ROUTED.has(agent.status)
      ? STATUS_WORDS[agent.status]
      : agent.load >= agent.capacity
        ? "at capacity"
        : STATUS_WORDS[agent.status];
    counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${n} ${why}`);
  return `No agent available: ${parts.join(", ")}`;
}

function choiceReason(rule: LoggedRule, chosen: RoutingAgent, candidates: number, strategy: RoutingStrategy): string {
  const among = `among ${plural(candidates, "candidate")}`;
  if (rule === "sticky") return `Returning customer: back to their last agent (${among})`;
  const how =
    strategy === "least_loaded"
      ? `least loaded (${plural(chosen.load, "open session")}) ${among}`
      : `longest without a new session ${among}`;
  if (rule === "online_first") return `Online first: ${how}`;
  if (rule === "online_first→round_robin") return `Online first found nobody available; round robin: ${how}`;
  return `Round robin: ${how}`;
}

/**
 * Decides who gets a waiting session (PRODUCT.md "Routing"): pure, so the same decision is made in
 * memory for a whole batch of the queue. Capacity is never exceeded in any rule.
 * - Round robin: every agent in scope under capacity except Finishing and Kicked out, whatever their online status.
 * - Online first: Available agents under capacity; when none, the round-robin set ("online_first→round_robin").
 * - Order: rotation (longest since last assignment, never-assigned first, then user id) or least loaded (then rotation).
 * - Sticky: the customer's last agent, when in the candidate set of the rule in effect ("sticky").
 */
export function decide(
  agents: readonly RoutingAgent[],
  project: ProjectRouting,
  session: WaitingSession,
  staffedGroups: ReadonlySet<string>,
): RoutingDecision {
  const grouped = session.skillGroupId !== null && staffedGroups.has(session.skillGroupId);
  const inScope = agentsInScope(agents, project, session, staffedGroups);
  let rule: LoggedRule = project.rule;
  let candidates: RoutingAgent[] = [];
  if (project.rule === "online_first") candidates = inScope.filter(inOnlineFirst);
  if (candidates.length === 0) {
    candidates = inScope.filter(inRoundRobin);
    if (project.rule === "online_first") rule = "online_first→round_robin";
  }
  if (candidates.length === 0) return { chosen: null, rule, candidates: 0, reason: nobodyReason(inScope, grouped) };

  const sticky =
    project.stickyCustomers && session.lastAgentUserId !== null
      ? candidates.find((agent) => agent.userId === session.lastAgentUserId)
      : undefined;
  const chosen = sticky ?? first(candidates, project.strategy);
  const logged: LoggedRule = sticky ? "sticky" : rule;
  return {
    chosen,
    rule: logged,
    candidates: candidates.length,
    reason: choiceReason(logged, chosen, candidates.length, project.strategy),
  };
}

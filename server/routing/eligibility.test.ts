import { describe, expect, it } from "vitest";
import type { AgentStatus } from "@/server/presence/change-status";
import { decide, orderCandidates, type ProjectRouting, type RoutingAgent, type WaitingSession } from "./eligibility";

function agent(userId: string, fields: Partial<RoutingAgent> = {}): RoutingAgent {
  return { userId, status: "available", capacity: 5, load: 0, lastAssignedUs: null, skillGroupIds: [], ...fields };
}

const roundRobin: ProjectRouting = { rule: "round_robin", strategy: "rotation", stickyCustomers: false, scopedUserIds: null };
const onlineFirst: ProjectRouting = { ...roundRobin, rule: "online_first" };
const anySession: WaitingSession = { skillGroupId: null, lastAgentUserId: null };
const noGroups = new Set<string>();

/** The decision for these agents: under round robin, for a session with no skill group or last agent, unless told. */
function route(agents: RoutingAgent[], project = roundRobin, session: Partial<WaitingSession> = {}, staffed = noGroups) {
  return decide(agents, project, { ...anySession, ...session }, staffed);
}

/** Who was chosen (null: queued) and under which rule. */
const outcome = (decision: ReturnType<typeof decide>) => ({ chosen: decision.chosen?.userId ?? null, rule: decision.rule });

const ALL_STATUSES: AgentStatus[] = ["available", "busy", "away", "not_ready", "finishing", "kicked_out", "offline"];

describe("eligibility by status and capacity", () => {
  // [status, under capacity?, round robin takes them?, online first takes them (no fallback)?]
  const table: [AgentStatus, boolean, boolean, boolean][] = [
    ["available", true, true, true],
    ["busy", true, true, false],
    ["away", true, true, false],
    ["not_ready", true, true, false],
    ["offline", true, true, false],
    ["finishing", true, false, false],
    ["kicked_out", true, false, false],
    ...ALL_STATUSES.map((status): [AgentStatus, boolean, boolean, boolean] => [status, false, false, false]),
  ];

  it.each(table)("%s, under capacity %s: round robin %s, online first %s", (status, under, rr, online) => {
    const candidate = agent("a", { status, load: under ? 4 : 5 });
    const other = agent("z", { status: "offline", capacity: 0 }); // never eligible: keeps the fallback empty

    expect(outcome(route([candidate, other]))).toEqual({ chosen: rr ? "a" : null, rule: "round_robin" });
    // Only an Available agent is taken by online first itself; anyone else comes through the fallback.
    expect(outcome(route([candidate, other], onlineFirst))).toEqual({
      chosen: rr ? "a" : null,
      rule: online ? "online_first" : "online_first→round_robin",
    });
  });

  it("never exceeds capacity in any rule, and a capacity of 0 never receives a session", () => {
    for (const project of [roundRobin, onlineFirst]) {
      expect(route([agent("a", { capacity: 0 }), agent("b", { load: 3, capacity: 3 })], project)).toEqual(
        expect.objectContaining({ chosen: null, candidates: 0 }),
      );
    }
  });
});

describe("online first and its fallback", () => {
  /** An agent with capacity 2; the more sessions they have, the more recently they were given one. */
  const seat = (id: string, status: AgentStatus, load: number) =>
    agent(id, { status, load, capacity: 2, lastAssignedUs: load * 10 });
  const fallback = "online_first→round_robin";
  // [case, agents, chosen, rule]
  const table: [string, RoutingAgent[], string | null, string][] = [
    [
      "an available agent wins over an earlier offline one",
      [seat("a", "offline", 0), seat("b", "available", 1)],
      "b",
      "online_first",
    ],
    ["nobody available: round robin over everyone in scope", [seat("a", "away", 1), seat("b", "offline", 0)], "b", fallback],
    ["available but at capacity: falls back", [seat("a", "available", 2), seat("b", "busy", 0)], "b", fallback],
    [
      "fallback skips finishing and kicked out",
      [seat("a", "finishing", 0), seat("b", "kicked_out", 0), seat("c", "away", 1)],
      "c",
      fallback,
    ],
    ["nobody in the fallback either: queued", [seat("a", "finishing", 0), seat("b", "available", 2)], null, fallback],
  ];
  it.each(table)("%s", (_label, agents, chosen, rule) => {
    expect(outcome(route(agents, onlineFirst))).toEqual({ chosen, rule });
  });
});

describe("order", () => {
  it("rotation: never assigned first, then longest since the last assignment, then user id", () => {
    const agents = [
      agent("d", { lastAssignedUs: 300 }),
      agent("c", { lastAssignedUs: 100 }),
      agent("b", { lastAssignedUs: null }),
      agent("a", { lastAssignedUs: null }),
      agent("e", { lastAssignedUs: 100 }),
    ];
    expect(orderCandidates(agents, "rotation").map((a) => a.userId)).toEqual(["a", "b", "c", "e", "d"]);
    expect(route(agents).chosen?.userId).toBe("a");
  });

  it("least loaded: fewest open sessions, then rotation", () => {
    const agents = [
      agent("a", { load: 2, lastAssignedUs: null }),
      agent("b", { load: 1, lastAssignedUs: 500 }),
      agent("c", { load: 1, lastAssignedUs: 200 }),
      agent("d", { load: 3, lastAssignedUs: 1 }),
    ];
    expect(orderCandidates(agents, "least_loaded").map((a) => a.userId)).toEqual(["c", "b", "a", "d"]);
    const decision = route(agents, { ...roundRobin, strategy: "least_loaded" });
    expect(decision.chosen?.userId).toBe("c");
    expect(decision.reason).toBe("Round robin: least loaded (1 open session) among 4 candidates");
  });
});

describe("scope, skill groups and sticky customers", () => {
  it("only agents in the project's scope are candidates", () => {
    const project = { ...roundRobin, scopedUserIds: new Set(["b"]) };
    const decision = route([agent("a"), agent("b", { lastAssignedUs: 9 })], project);
    expect(decision).toEqual(expect.objectContaining({ candidates: 1 }));
    expect(decision.chosen?.userId).toBe("b");
    expect(route([agent("a")], project).reason).toBe("No agent available: nobody is in this project's agent scope");
  });

  it("a session for a skill group goes to its members only; a group nobody is in is ignored", () => {
    const agents = [agent("a"), agent("b", { skillGroupIds: ["billing"], lastAssignedUs: 5 })];
    const staffed = new Set(["billing"]);
    expect(route(agents, roundRobin, { skillGroupId: "billing" }, staffed).chosen?.userId).toBe("b");
    expect(route(agents, roundRobin, { skillGroupId: "empty" }, staffed).chosen?.userId).toBe("a");
    const full = [agent("a"), agent("b", { skillGroupIds: ["billing"], load: 5 })];
    expect(route(full, roundRobin, { skillGroupId: "billing" }, staffed)).toEqual(
      expect.objectContaining({ chosen: null, reason: "No agent available: 1 at capacity" }),
    );
  });

  // [sticky setting, the customer's last agent, rule, chosen, logged rule]
  const table: [boolean, string, ProjectRouting["rule"], string, string][] = [
    [true, "b", "round_robin", "b", "sticky"],
    [false, "b", "round_robin", "a", "round_robin"],
    [true, "c", "round_robin", "a", "round_robin"], // at capacity: not a candidate
    [true, "d", "online_first", "a", "online_first"], // offline: not in online first's set while someone is available
    [true, "x", "round_robin", "a", "round_robin"], // not a member any more
  ];
  it.each(table)("sticky %s to %s under %s → %s (%s)", (sticky, last, rule, chosen, logged) => {
    const agents = [agent("a"), agent("b", { lastAssignedUs: 50 }), agent("c", { load: 5 }), agent("d", { status: "offline" })];
    const decision = route(agents, { ...roundRobin, rule, stickyCustomers: sticky }, { lastAgentUserId: last });
    expect(outcome(decision)).toEqual({ chosen, rule: logged });
  });

  it("sticky applies inside the fallback set too", () => {
    const agents = [agent("a", { status: "away" }), agent("b", { status: "offline", lastAssignedUs: 7 })];
    expect(outcome(route(agents, { ...onlineFirst, stickyCustomers: true }, { lastAgentUserId: "b" }))).toEqual({
      chosen: "b",
      rule: "sticky",
    });
  });
});

describe("reasons a supervisor reads", () => {
  it("counts why nobody could take the session", () => {
    const agents = [
      agent("a", { load: 5 }),
      agent("b", { load: 5, status: "away" }),
      agent("c", { status: "finishing" }),
      agent("d", { status: "kicked_out", load: 5 }),
    ];
    expect(route(agents, onlineFirst).reason).toBe("No agent available: 2 at capacity, 1 finishing, 1 kicked out");
  });

  it("names the rule and the choice", () => {
    expect(route([agent("a"), agent("b")]).reason).toBe("Round robin: longest without a new session among 2 candidates");
    expect(route([agent("a", { status: "offline" })], onlineFirst).reason).toBe(
      "Online first found nobody available; round robin: longest without a new session among 1 candidate",
    );
  });
});

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

    const byRoundRobin = decide([candidate, other], roundRobin, anySession, noGroups);
    expect(byRoundRobin.chosen?.userId ?? null).toBe(rr ? "a" : null);
    expect(byRoundRobin.rule).toBe("round_robin");

    const byOnlineFirst = decide([candidate, other], onlineFirst, anySession, noGroups);
    expect(byOnlineFirst.chosen?.userId ?? null).toBe(rr ? "a" : null);
    // Only an Available agent is taken by online first itself; anyone else comes through the fallback.
    expect(byOnlineFirst.rule).toBe(online ? "online_first" : "online_first→round_robin");
  });

  it("never exceeds capacity in any rule, and a capacity of 0 never receives a session", () => {
    for (const project of [roundRobin, onlineFirst]) {
      expect(decide([agent("a", { capacity: 0 }), agent("b", { load: 3, capacity: 3 })], project, anySession, noGroups)).toEqual(
        expect.objectContaining({ chosen: null, candidates: 0 }),
      );
    }
  });
});

describe("online first and its fallback", () => {
  // [agents as status/load (capacity 2), chosen, rule]
  const table: [string, [string, AgentStatus, number][], string | null, string][] = [
    [
      "an available agent wins over an earlier offline one",
      [
        ["a", "offline", 0],
        ["b", "available", 1],
      ],
      "b",
      "online_first",
    ],
    [
      "nobody available: round robin over everyone in scope",
      [
        ["a", "away", 1],
        ["b", "offline", 0],
      ],
      "b",
      "online_first→round_robin",
    ],
    [
      "available but at capacity: falls back",
      [
        ["a", "available", 2],
        ["b", "busy", 0],
      ],
      "b",
      "online_first→round_robin",
    ],
    [
      "fallback skips finishing and kicked out",
      [
        ["a", "finishing", 0],
        ["b", "kicked_out", 0],
        ["c", "away", 1],
      ],
      "c",
      "online_first→round_robin",
    ],
    [
      "nobody in the fallback either: queued",
      [
        ["a", "finishing", 0],
        ["b", "available", 2],
      ],
      null,
      "online_first→round_robin",
    ],
  ];
  it.each(table)("%s", (_label, rows, chosen, rule) => {
    const agents = rows.map(([id, status, load]) => agent(id, { status, load, capacity: 2, lastAssignedUs: load * 10 }));
    const decision = decide(agents, onlineFirst, anySession, noGroups);
    expect(decision.chosen?.userId ?? null).toBe(chosen);
    expect(decision.rule).toBe(rule);
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
    expect(decide(agents, roundRobin, anySession, noGroups).chosen?.userId).toBe("a");
  });

  it("least loaded: fewest open sessions, then rotation", () => {
    const agents = [
      agent("a", { load: 2, lastAssignedUs: null }),
      agent("b", { load: 1, lastAssignedUs: 500 }),
      agent("c", { load: 1, lastAssignedUs: 200 }),
      agent("d", { load: 3, lastAssignedUs: 1 }),
    ];
    expect(orderCandidates(agents, "least_loaded").map((a) => a.userId)).toEqual(["c", "b", "a", "d"]);
    const decision = decide(agents, { ...roundRobin, strategy: "least_loaded" }, anySession, noGroups);
    expect(decision.chosen?.userId).toBe("c");
    expect(decision.reason).toBe("Round robin: least loaded (1 open session) among 4 candidates");
  });
});

describe("scope, skill groups and sticky customers", () => {
  it("only agents in the project's scope are candidates", () => {
    const project = { ...roundRobin, scopedUserIds: new Set(["b"]) };
    const decision = decide([agent("a"), agent("b", { lastAssignedUs: 9 })], project, anySession, noGroups);
    expect(decision).toEqual(expect.objectContaining({ candidates: 1 }));
    expect(decision.chosen?.userId).toBe("b");
    expect(decide([agent("a")], project, anySession, noGroups).reason).toBe(
      "No agent available: nobody is in this project's agent scope",
    );
  });

  it("a session for a skill group goes to its members only; a group nobody is in is ignored", () => {
    const agents = [agent("a"), agent("b", { skillGroupIds: ["billing"], lastAssignedUs: 5 })];
    const staffed = new Set(["billing"]);
    expect(decide(agents, roundRobin, { skillGroupId: "billing", lastAgentUserId: null }, staffed).chosen?.userId).toBe("b");
    expect(decide(agents, roundRobin, { skillGroupId: "empty", lastAgentUserId: null }, staffed).chosen?.userId).toBe("a");
    const full = [agent("a"), agent("b", { skillGroupIds: ["billing"], load: 5 })];
    expect(decide(full, roundRobin, { skillGroupId: "billing", lastAgentUserId: null }, staffed)).toEqual(
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
    const decision = decide(
      agents,
      { ...roundRobin, rule, stickyCustomers: sticky },
      { skillGroupId: null, lastAgentUserId: last },
      noGroups,
    );
    expect(decision.chosen?.userId).toBe(chosen);
    expect(decision.rule).toBe(logged);
  });

  it("sticky applies inside the fallback set too", () => {
    const agents = [agent("a", { status: "away" }), agent("b", { status: "offline", lastAssignedUs: 7 })];
    const decision = decide(
      agents,
      { ...onlineFirst, stickyCustomers: true },
      { skillGroupId: null, lastAgentUserId: "b" },
      noGroups,
    );
    expect(decision.chosen?.userId).toBe("b");
    expect(decision.rule).toBe("sticky");
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
    expect(decide(agents, onlineFirst, anySession, noGroups).reason).toBe(
      "No agent available: 2 at capacity, 1 finishing, 1 kicked out",
    );
  });

  it("names the rule and the choice", () => {
    expect(decide([agent("a"), agent("b")], roundRobin, anySession, noGroups).reason).toBe(
      "Round robin: longest without a new session among 2 candidates",
    );
    expect(decide([agent("a", { status: "offline" })], onlineFirst, anySession, noGroups).reason).toBe(
      "Online first found nobody available; round robin: longest without a new session among 1 candidate",
    );
  });
});

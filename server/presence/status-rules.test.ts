import { describe, expect, it } from "vitest";
import type { AgentStatus, StatusCause } from "./change-status";
import {
  chosenStatus,
  heartbeatStatusChange,
  idleStatusChange,
  loadStatusChange,
  maySetStatusOf,
  mayReceiveSessions,
} from "./status-rules";

const ALL: AgentStatus[] = ["available", "busy", "away", "not_ready", "finishing", "kicked_out", "offline"];

describe("load status (capacity and finishing)", () => {
  const agent = (status: AgentStatus, openSessions: number, statusCause: StatusCause = "manual", capacity = 3) => ({
    status,
    statusCause,
    openSessions,
    capacity,
  });

  it.each([
    ["Available below capacity stays", agent("available", 2), null],
    ["Available at capacity → Busy (capacity)", agent("available", 3), { to: "busy", awayReason: null, cause: "capacity" }],
    ["Available over capacity → Busy (capacity)", agent("available", 5), { to: "busy", awayReason: null, cause: "capacity" }],
    [
      "Busy by capacity below it → Available (capacity)",
      agent("busy", 2, "capacity"),
      { to: "available", awayReason: null, cause: "capacity" },
    ],
    ["Busy by capacity still at it stays", agent("busy", 3, "capacity"), null],
    ["Busy the agent chose stays Busy below capacity", agent("busy", 0, "manual"), null],
    ["Busy a supervisor set stays Busy below capacity", agent("busy", 0, "admin"), null],
    ["Finishing with sessions left stays", agent("finishing", 1), null],
    [
      "Finishing with none left → Away (Finished, system)",
      agent("finishing", 0),
      { to: "away", awayReason: "Finished", cause: "system" },
    ],
    ["Away at capacity stays Away", agent("away", 3), null],
    ["Offline stays Offline", agent("offline", 0, "presence"), null],
    ["Not ready at capacity stays", agent("not_ready", 4), null],
    ["Kicked out stays", agent("kicked_out", 0, "system"), null],
  ] as const)("%s", (_, input, expected) => {
    expect(loadStatusChange(input)).toEqual(expected);
  });
});

describe("chosen status", () => {
  it("gives Busy (capacity) for Available chosen at capacity, and Available below it", () => {
    expect(chosenStatus({ to: "available", cause: "manual" }, { openSessions: 5, capacity: 5 })).toEqual({
      to: "busy",
      awayReason: null,
      cause: "capacity",
    });
    expect(chosenStatus({ to: "available", cause: "admin" }, { openSessions: 4, capacity: 5 })).toEqual({
      to: "available",
      awayReason: null,
      cause: "admin",
    });
  });

  it("keeps the Away reason only for Away", () => {
    const load = { openSessions: 0, capacity: 5 };
    expect(chosenStatus({ to: "away", awayReason: "Lunch break", cause: "manual" }, load)).toEqual({
      to: "away",
      awayReason: "Lunch break",
      cause: "manual",
    });
    expect(chosenStatus({ to: "offline", awayReason: "Lunch break", cause: "manual" }, load).awayReason).toBeNull();
  });
});

describe("idle timeout", () => {
  it("moves Available, Busy and Not ready to Away (Idle) and leaves the rest", () => {
    const moved = ALL.filter((s) => idleStatusChange(s) !== null);
    expect(moved).toEqual(["available", "busy", "not_ready"]);
    expect(idleStatusChange("busy")).toEqual({ to: "away", awayReason: "Idle", cause: "idle" });
  });
});

describe("heartbeat", () => {
  it("brings an agent Offline by lost presence or never online to Not ready, not one who chose Offline", () => {
    expect(heartbeatStatusChange({ status: "offline", statusCause: "presence" })).toEqual({
      to: "not_ready",
      awayReason: null,
      cause: "presence",
    });
    expect(heartbeatStatusChange({ status: "offline", statusCause: "system" })?.to).toBe("not_ready");
    expect(heartbeatStatusChange({ status: "offline", statusCause: "manual" })).toBeNull();
    expect(heartbeatStatusChange({ status: "offline", statusCause: "admin" })).toBeNull();
    for (const status of ALL.filter((s) => s !== "offline")) {
      expect(heartbeatStatusChange({ status, statusCause: "presence" })).toBeNull();
    }
  });
});

describe("who may set whose status", () => {
  it("lets supervisors and up set the status of members up to their own role, never marketers'", () => {
    expect(maySetStatusOf("supervisor", "agent")).toBe(true);
    expect(maySetStatusOf("supervisor", "supervisor")).toBe(true);
    expect(maySetStatusOf("supervisor", "admin")).toBe(false);
    expect(maySetStatusOf("admin", "admin")).toBe(true);
    expect(maySetStatusOf("admin", "owner")).toBe(false);
    expect(maySetStatusOf("owner", "owner")).toBe(true);
    expect(maySetStatusOf("agent", "agent")).toBe(false);
    expect(maySetStatusOf("marketer", "agent")).toBe(false);
    expect(maySetStatusOf("owner", "marketer")).toBe(false);
  });

  it("only Available receives sessions", () => {
    expect(ALL.filter(mayReceiveSessions)).toEqual(["available"]);
  });
});

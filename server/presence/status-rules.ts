import { ranksAtLeast, roleMay } from "@/lib/access/permission";
import type { Role } from "@/server/workspaces/roles";
import type { AgentStatus, StatusCause } from "./change-status";

/** PRODUCT.md "Agent status": what each status is called in the console. */
export const STATUS_LABELS: Record<AgentStatus, string> = {
  available: "Available",
  busy: "Busy",
  away: "Away",
  not_ready: "Not ready",
  finishing: "Finishing",
  kicked_out: "Kicked out",
  offline: "Offline",
};

export const CAUSE_LABELS: Record<StatusCause, string> = {
  manual: "Manual",
  admin: "Set by a supervisor",
  idle: "Idle timeout",
  capacity: "Capacity",
  presence: "Presence",
  system: "System",
};

/** The statuses a person may choose (Kicked out is set by the system only). */
export const SELECTABLE_STATUSES = [
  "available",
  "busy",
  "away",
  "not_ready",
  "finishing",
  "offline",
] as const satisfies readonly AgentStatus[];
export type SelectableStatus = (typeof SELECTABLE_STATUSES)[number];

/** Whoever works sessions has an agent status (lib/access: "status.own"); marketers stay offline. */
export function hasAgentStatus(role: Role): boolean {
  return roleMay(role, "status.own");
}

/** A supervisor sets agents' and supervisors' status, an admin also admins', the owner everyone's. */
export function maySetStatusOf(actor: Role, target: Role): boolean {
  return roleMay(actor, "status.set_others") && hasAgentStatus(target) && ranksAtLeast(actor, target);
}

/** The Away reason the idle timeout sets, and the one a Finishing agent gets when their last session closes. */
export const IDLE_REASON = "Idle";
export const FINISHED_REASON = "Finished";

export type StatusTarget = { to: AgentStatus; awayReason: string | null; cause: StatusCause };

/**
 * A status someone chose (the agent: cause "manual", a supervisor: "admin"). Choosing Available
 * while at capacity gives Busy with cause "capacity", so the agent is Available again below it.
 */
export function chosenStatus(
  choice: { to: SelectableStatus; awayReason?: string | null; cause: "manual" | "admin" },
  load: { openSessions: number; capacity: number },
): StatusTarget {
  if (choice.to === "available" && load.openSessions >= load.capacity) return { to: "busy", awayReason: null, cause: "capacity" };
  return { to: choice.to, awayReason: choice.to === "away" ? (choice.awayReason ?? null) : null, cause: choice.cause };
}

/**
 * After an agent's load changed: Available at or over capacity → Busy (capacity); Busy because of
 * capacity and below it → Available (capacity); Finishing with no open session → Away "Finished"
 * (system). A Busy the agent chose stays Busy. Null when nothing changes.
 */
export function loadStatusChange(agent: {
  status: AgentStatus;
  statusCause: StatusCause;
  openSessions: number;
  capacity: number;
}): StatusTarget | null {
  if (agent.status === "available" && agent.openSessions >= agent.capacity) {
    return { to: "busy", awayReason: null, cause: "capacity" };
  }
  if (agent.status === "busy" && agent.statusCause === "capacity" && agent.openSessions < agent.capacity) {
    return { to: "available", awayReason: null, cause: "capacity" };
  }
  if (agent.status === "finishing" && agent.openSessions === 0) {
    return { to: "away", awayReason: FINISHED_REASON, cause: "system" };
  }
  return null;
}

/** The idle timeout moves working statuses to Away; Away, Finishing, Kicked out and Offline stay as they are. */
export function idleStatusChange(status: AgentStatus): StatusTarget | null {
  return status === "available" || status === "busy" || status === "not_ready"
    ? { to: "away", awayReason: IDLE_REASON, cause: "idle" }
    : null;
}

/**
 * A heartbeat from an open console: an agent who is Offline because their presence lapsed (or who
 * never came online) is now logged in, preparing: Not ready. An Offline someone chose stays.
 */
export function heartbeatStatusChange(agent: { status: AgentStatus; statusCause: StatusCause }): StatusTarget | null {
  return agent.status === "offline" && (agent.statusCause === "presence" || agent.statusCause === "system")
    ? { to: "not_ready", awayReason: null, cause: "presence" }
    : null;
}

/** Only Available agents can be given new sessions: after a change to it, routing should look at the queue. */
export function mayReceiveSessions(status: AgentStatus): boolean {
  return status === "available";
}

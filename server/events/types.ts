/**
 * What consoles hear about, live (SSE). Events carry ids only: a console re-reads what changed
 * through tRPC, so tenant scoping and permissions stay in one place.
 */
export type ConsoleEvent =
  | { type: "message.created"; workspaceId: string; sessionId: string; messageId: number }
  | { type: "message.updated"; workspaceId: string; sessionId: string; messageId: number }
  | { type: "session.updated"; workspaceId: string; sessionId: string }
  /** A session was given to an agent (routing, assign, transfer, take-over): that agent's console highlights it. */
  | { type: "session.assigned"; workspaceId: string; sessionId: string; userId: string }
  /** A session passed its first-response threshold: supervisors are notified in the console. */
  | { type: "session.escalated"; workspaceId: string; sessionId: string }
  /** An agent's status, load or settings changed (header, Agents and Monitoring pages). */
  | { type: "agent.updated"; workspaceId: string; userId: string }
  /** A project's queue changed (sizes on Monitoring). */
  | { type: "queue.updated"; workspaceId: string; projectId: string };

/** Wakes outbox senders: a new outgoing message was queued (or a failed one retried). */
export type OutboxEvent = { type: "outbox.queued"; messageId: number };

/**
 * Said by the bus itself, to this instance only: its cross-instance link was down for a moment and
 * events may have been missed, so listeners should re-read what they show.
 */
export type BusSystemEvent = { type: "bus.reconnected" };

/**
 * Cache invalidation on every instance: a workspace's risk word groups changed (compiled matchers
 * are rebuilt), or a diversion link changed (its cached lookup is dropped).
 */
export type CacheEvent = { type: "risk.groups_changed"; workspaceId: string } | { type: "link.changed"; code: string };

/**
 * Access that ended: a sign-in was revoked (sign-out, password change) or a member was removed from
 * a workspace. Open event streams of that sign-in, or of that member in that workspace, close.
 */
export type AccessEvent =
  { type: "access.session_revoked"; sessionId: string } | { type: "access.member_removed"; workspaceId: string; userId: string };

export type BusEvent = ConsoleEvent | OutboxEvent | BusSystemEvent | CacheEvent | AccessEvent;

const CONSOLE_EVENT_TYPES: ReadonlySet<string> = new Set<ConsoleEvent["type"]>([
  "message.created",
  "message.updated",
  "session.updated",
  "session.assigned",
  "session.escalated",
  "agent.updated",
  "queue.updated",
]);

export function isConsoleEvent(event: BusEvent): event is ConsoleEvent {
  return CONSOLE_EVENT_TYPES.has(event.type);
}

/**
 * What consoles hear about, live (SSE). Events carry ids only: a console re-reads what changed
 * through tRPC, so tenant scoping and permissions stay in one place.
 */
export type ConsoleEvent =
  | { type: "message.created"; workspaceId: string; sessionId: string; messageId: number }
  | { type: "message.updated"; workspaceId: string; sessionId: string; messageId: number }
  | { type: "session.updated"; workspaceId: string; sessionId: string };

/** Wakes outbox senders: a new outgoing message was queued (or a failed one retried). */
export type OutboxEvent = { type: "outbox.queued"; messageId: number };

/**
 * Said by the bus itself, to this instance only: its cross-instance link was down for a moment and
 * events may have been missed, so listeners should re-read what they show.
 */
export type BusSystemEvent = { type: "bus.reconnected" };

export type BusEvent = ConsoleEvent | OutboxEvent | BusSystemEvent;

const CONSOLE_EVENT_TYPES: ReadonlySet<string> = new Set<ConsoleEvent["type"]>([
  "message.created",
  "message.updated",
  "session.updated",
]);

export function isConsoleEvent(event: BusEvent): event is ConsoleEvent {
  return CONSOLE_EVENT_TYPES.has(event.type);
}

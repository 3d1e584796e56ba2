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

export type BusEvent = ConsoleEvent | OutboxEvent;

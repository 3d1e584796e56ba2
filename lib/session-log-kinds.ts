// Plain data, no drizzle: the console's filters import it, and so does the session_log table (db/schema imports it).

/** What can happen to a session, in the order the audit offers them (the session_log_kind enum). */
export const SESSION_LOG_KINDS = [
  "assigned",
  "queued",
  "reassigned",
  "taken_over",
  "transferred",
  "returned",
  "accepted",
  "escalated",
  "closed",
  "reopened",
] as const;

export type SessionLogKind = (typeof SESSION_LOG_KINDS)[number];

// Pure: the audit page and its CSV exports name people the same way.

/** A person named in a log row; "Former member" when their account is gone, null when nobody. */
export function personLabel(name: string | null, userId: string | null): string | null {
  return name ?? (userId ? "Former member" : null);
}

/** Who did a session log entry: a person, or the system (routing, timers). */
export function actorLabel(row: { actorName: string | null; actorUserId: string | null }): string {
  return personLabel(row.actorName, row.actorUserId) ?? "System";
}

/** Who changed an agent's status: a supervisor or admin, the agent (manual), or the system. */
export function changedByLabel(row: { actorName: string | null; actorUserId: string | null; cause: string }): string {
  return personLabel(row.actorName, row.actorUserId) ?? (row.cause === "manual" ? "The agent" : "System");
}

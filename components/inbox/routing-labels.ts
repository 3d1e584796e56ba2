/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** Where an open session stands: with whom, or its place in the queue. */
export function waitingLabel(position: number | null): string {
  return position ? `Waiting · ${ordinal(position)} in queue` : "Waiting in the queue";
}

/** What a session_log row records, in the words of the allocation history. */
export const LOG_KIND_LABELS: Record<string, string> = {
  assigned: "Assigned",
  queued: "Queued",
  reassigned: "Reassigned",
  taken_over: "Taken over",
  transferred: "Transferred",
  returned: "Back to the queue",
  accepted: "Opened by the agent",
  escalated: "Escalated",
  closed: "Closed",
  reopened: "Reopened",
};

const RULE_LABELS: Record<string, string> = {
  round_robin: "Round robin",
  online_first: "Online first",
  "online_first→round_robin": "Online first → round robin (nobody online)",
  sticky: "Returning customer",
  manual: "By hand",
};

export function ruleLabel(rule: string): string {
  return RULE_LABELS[rule] ?? rule;
}

export const STATUS_LABELS: Record<string, string> = {
  available: "Available",
  busy: "Busy",
  away: "Away",
  not_ready: "Not ready",
  finishing: "Finishing",
  kicked_out: "Kicked out",
  offline: "Offline",
};

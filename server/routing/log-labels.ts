// Pure labels: the allocation history, the session-log audit and its CSV export use the same words.
import type { SessionLogKind } from "@/lib/session-log-kinds";

/** What a session_log row records, in the words of the allocation history. */
export const LOG_KIND_LABELS: Record<SessionLogKind, string> = {
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

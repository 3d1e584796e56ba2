import { z } from "zod";
import { withTimeRange } from "@/server/audit/audit-filters";

// Zod and constants only: the audit page, the tRPC router and the CSV route share these.

export const RISK_OUTCOMES = ["blocked", "sent_after_confirmation", "cancelled", "pending"] as const;
export type RiskOutcome = (typeof RISK_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<RiskOutcome, string> = {
  blocked: "Blocked",
  sent_after_confirmation: "Sent after confirmation",
  cancelled: "Cancelled by the agent",
  pending: "No decision",
};

export const MATCH_KIND_LABELS: Record<"keyword" | "pattern" | "time_limit", string> = {
  keyword: "Keyword",
  pattern: "Pattern",
  time_limit: "Time limit",
};

export const riskTriggerFiltersSchema = withTimeRange({
  agentId: z.uuid("Unknown agent.").optional(),
  projectId: z.uuid("Unknown project.").optional(),
  /** The group's name as recorded (a deleted or renamed group's records keep theirs). */
  group: z.string().trim().max(60, "A group name has at most 60 characters.").optional(),
  /** Part of the matched keyword, pattern or text, any case. */
  word: z.string().trim().max(200, "Search for at most 200 characters.").optional(),
  outcome: z.enum(RISK_OUTCOMES, { error: "Unknown outcome." }).optional(),
});

export type RiskTriggerFilters = z.infer<typeof riskTriggerFiltersSchema>;

const FILTER_NAMES = ["agentId", "projectId", "group", "word", "outcome", "from", "to"] as const;

/** Filters from the CSV link's query; empty parameters mean "no filter". */
export function riskFiltersFromQuery(params: URLSearchParams): Record<string, unknown> {
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, params.get(name) || undefined]));
}

/** The query string of the CSV link for the filters on screen. */
export function riskQueryFromFilters(workspaceId: string, filters: Partial<RiskTriggerFilters>): string {
  const params = new URLSearchParams({ workspaceId });
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value instanceof Date) params.set(name, value.toISOString());
    else if (value) params.set(name, value);
  }
  return params.toString();
}

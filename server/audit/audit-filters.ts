import { z } from "zod";
import { SESSION_LOG_KINDS } from "@/lib/session-log-kinds";

// Zod and constants only: the audit page, the tRPC router and the CSV routes share these.

export { SESSION_LOG_KINDS, type SessionLogKind } from "@/lib/session-log-kinds";

const moment = (what: string) => z.coerce.date({ error: `${what} is not a valid date and time.` }).optional();

type TimeRange = { from?: Date; to?: Date };

/** An audit list's filters: `shape` and a time range, whose end before its start is a mistake worth naming. */
export function withTimeRange<Shape extends z.ZodRawShape>(shape: Shape) {
  const ordered = ({ from, to }: TimeRange) => !from || !to || from.getTime() <= to.getTime();
  return z
    .object({ ...shape, from: moment("The start of the time range"), to: moment("The end of the time range") })
    .refine((filters) => ordered(filters as TimeRange), {
      path: ["to"],
      message: "The end of the time range must be after its start.",
    });
}

export const sessionLogFiltersSchema = withTimeRange({
  projectId: z.uuid("Unknown project.").optional(),
  /** Matches who did it, who it came from and who it went to. */
  agentId: z.uuid("Unknown agent.").optional(),
  kinds: z
    .array(z.enum(SESSION_LOG_KINDS, { error: "Unknown kind of event." }))
    .max(SESSION_LOG_KINDS.length)
    .optional(),
  sessionId: z.uuid("Unknown conversation.").optional(),
});

export type SessionLogFilters = z.infer<typeof sessionLogFiltersSchema>;

export const agentStatusFiltersSchema = withTimeRange({ agentId: z.uuid("Unknown agent.").optional() });

export type AgentStatusFilters = z.infer<typeof agentStatusFiltersSchema>;

export const pageSchema = z.object({
  /** The id of the last row of the previous page. */
  cursor: z.int().positive().optional(),
  limit: z.int().min(1).max(200).default(50),
});

/**
 * Filters from a URL's query (the CSV links): one parameter per filter, `kind` repeated. Unknown
 * parameters are ignored; empty ones mean "no filter".
 */
export function filtersFromQuery(params: URLSearchParams): Record<string, unknown> {
  const single = (name: string) => params.get(name) || undefined;
  const kinds = params.getAll("kind").filter(Boolean);
  return {
    projectId: single("projectId"),
    agentId: single("agentId"),
    sessionId: single("sessionId"),
    kinds: kinds.length ? kinds : undefined,
    from: single("from"),
    to: single("to"),
  };
}

/** The query string `filtersFromQuery` reads, for the console's CSV links. */
export function queryFromFilters(workspaceId: string, filters: Partial<SessionLogFilters>): string {
  const params = new URLSearchParams({ workspaceId });
  for (const name of ["projectId", "agentId", "sessionId"] as const) if (filters[name]) params.set(name, filters[name]);
  for (const kind of filters.kinds ?? []) params.append("kind", kind);
  if (filters.from) params.set("from", filters.from.toISOString());
  if (filters.to) params.set("to", filters.to.toISOString());
  return params.toString();
}

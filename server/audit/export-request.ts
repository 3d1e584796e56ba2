import { z } from "zod";
import { csvDownload, csvLine, plainText } from "@/lib/csv";
import { LOG_KIND_LABELS, ruleLabel } from "@/server/routing/log-labels";
import type { Database } from "@/db/client";
import { CAUSE_LABELS, STATUS_LABELS } from "@/server/presence/status-rules";
import { findMembership } from "@/server/workspaces/membership";
import { actorLabel, changedByLabel, personLabel } from "./audit-labels";
import { memberAccess } from "@/server/auth/member-access";
import { agentStatusFiltersSchema, filtersFromQuery, sessionLogFiltersSchema } from "./audit-filters";
import { listAgentStatusLog } from "./list-agent-status-log";
import { listSessionLog } from "./list-session-log";

type Deps = { db: Database; userId: string | null; pageSize?: number };

/** An export stops here; narrow the filters for more. */
export const EXPORT_MAX_ROWS = 100_000;

/** A log the audit exports as CSV: its file name, filters and columns, read a page at a time. */
export type AuditExport<F> = {
  name: string;
  /** What the refusals name: "the audit", "the risk triggers". */
  subject: string;
  schema: z.ZodType<F>;
  /** The filters from the link's query (default: the session log's parameters). */
  fromQuery?: (params: URLSearchParams) => Record<string, unknown>;
  header: string[];
  /** One page of CSV lines after `cursor`, and the cursor of the next page (null at the end). */
  page(
    db: Database,
    workspaceId: string,
    filters: F,
    cursor: number | undefined,
    limit: number,
  ): Promise<{ lines: string[]; next: number | null }>;
};

export const SESSION_LOG_EXPORT: AuditExport<z.infer<typeof sessionLogFiltersSchema>> = {
  name: "session-log",
  subject: "the audit",
  schema: sessionLogFiltersSchema,
  header: ["Time (UTC)", "Event", "Project", "Conversation", "Customer", "By", "From", "To", "Rule", "Eligible agents", "Reason"],
  async page(db, workspaceId, filters, cursor, limit) {
    const { items, nextCursor } = await listSessionLog(db, workspaceId, filters, { cursor, limit });
    const lines = items.map((row) =>
      csvLine([
        row.at,
        LOG_KIND_LABELS[row.kind] ?? row.kind,
        row.projectName,
        row.sessionId,
        row.customer,
        actorLabel(row),
        personLabel(row.fromName, row.fromUserId),
        personLabel(row.toName, row.toUserId),
        row.rule ? ruleLabel(row.rule) : null,
        row.candidates,
        row.reason,
      ]),
    );
    return { lines, next: nextCursor };
  },
};

export const AGENT_STATUS_EXPORT: AuditExport<z.infer<typeof agentStatusFiltersSchema>> = {
  name: "agent-status-log",
  subject: "the audit",
  schema: agentStatusFiltersSchema,
  header: ["Time (UTC)", "Agent", "From", "To", "Away reason", "Cause", "Changed by"],
  async page(db, workspaceId, filters, cursor, limit) {
    const { items, nextCursor } = await listAgentStatusLog(db, workspaceId, filters, { cursor, limit });
    const lines = items.map((row) =>
      csvLine([
        row.at,
        row.agentName,
        STATUS_LABELS[row.fromStatus],
        STATUS_LABELS[row.toStatus],
        row.awayReason,
        CAUSE_LABELS[row.cause],
        changedByLabel(row),
      ]),
    );
    return { lines, next: nextCursor };
  },
};

/**
 * `GET /api/audit/session-log?workspaceId=…&<filters>` (and `/agent-status`, `/risk-triggers`): the filtered log as CSV,
 * for the same people and with the same filters as the Audit page. Streamed page by page, so a long
 * export never sits in memory; Excel-friendly (UTF-8 BOM) and safe to open (no formulas).
 */
export async function handleAuditExport<F>(
  request: Request,
  log: AuditExport<F>,
  { db, userId, pageSize = 1_000 }: Deps,
): Promise<Response> {
  if (!userId) return plainText(401, `Sign in to export ${log.subject}.`);
  const params = new URL(request.url).searchParams;
  const workspaceId = z.uuid().safeParse(params.get("workspaceId"));
  if (!workspaceId.success) return plainText(400, "Add ?workspaceId= with the id of one of your workspaces.");
  // Not a member and no such workspace look the same, so ids cannot be probed.
  const membership = await findMembership(db, userId, { workspaceId: workspaceId.data });
  if (!membership) return plainText(404, "Workspace not found.");
  const audit = (await memberAccess(db, membership)).access("audit.view");
  if (!audit.allowed) return plainText(403, audit.reason);
  const filters = log.schema.safeParse((log.fromQuery ?? filtersFromQuery)(params));
  if (!filters.success) return plainText(400, filters.error.issues[0]?.message ?? "Check the filters.");

  const day = new Date().toISOString().slice(0, 10);
  return csvDownload<number>({
    fileName: `${log.name}-${membership.workspace.slug}-${day}.csv`,
    header: log.header,
    maxRows: EXPORT_MAX_ROWS,
    pageSize,
    signal: request.signal,
    page: (cursor, limit) => log.page(db, workspaceId.data, filters.data, cursor, limit),
  });
}

import type { Database } from "@/db/client";
import { csvLine } from "@/lib/csv";
import { handleAuditExport, type AuditExport } from "@/server/audit/export-request";
import { listRiskTriggers } from "./list-triggers";
import {
  MATCH_KIND_LABELS,
  OUTCOME_LABELS,
  riskFiltersFromQuery,
  riskTriggerFiltersSchema,
  type RiskTriggerFilters,
} from "./trigger-filters";

export const RISK_TRIGGERS_EXPORT: AuditExport<RiskTriggerFilters> = {
  name: "risk-triggers",
  subject: "the risk triggers",
  schema: riskTriggerFiltersSchema,
  fromQuery: riskFiltersFromQuery,
  header: [
    "Time (UTC)",
    "Agent",
    "Project",
    "Conversation",
    "Customer",
    "Group",
    "Action",
    "Kind",
    "Matched keyword or pattern",
    "Matched text",
    "Excerpt",
    "Outcome",
    "Decided (UTC)",
    "Message id",
  ],
  async page(db, workspaceId, filters, cursor, limit) {
    const { items, nextCursor } = await listRiskTriggers(db, workspaceId, filters, { cursor, limit });
    const lines = items.map((row) =>
      csvLine([
        row.at,
        row.agentName ?? "(deleted user)",
        row.projectName,
        row.sessionId,
        row.customer,
        row.groupName,
        row.action === "block" ? "Block" : "Confirm",
        MATCH_KIND_LABELS[row.matchKind],
        row.matched,
        row.matchedText,
        row.excerpt,
        OUTCOME_LABELS[row.outcome],
        row.decidedAt,
        row.messageId,
      ]),
    );
    return { lines, next: nextCursor };
  },
};

/**
 * `GET /api/audit/risk-triggers?workspaceId=…&<filters>`: the filtered trigger records as CSV, for
 * the people who may read the audit and with the audit page's filters (see `handleAuditExport`).
 */
export function exportRiskTriggers(
  request: Request,
  deps: { db: Database; userId: string | null; pageSize?: number },
): Promise<Response> {
  return handleAuditExport(request, RISK_TRIGGERS_EXPORT, deps);
}

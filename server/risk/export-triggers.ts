import { z } from "zod";
import { csvDownload, csvLine, plainText } from "@/lib/csv";
import type { Database } from "@/db/client";
import { canAudit } from "@/server/audit/audit-filters";
import { findMembership } from "@/server/workspaces/membership";
import { listRiskTriggers } from "./list-triggers";
import { OUTCOME_LABELS, riskFiltersFromQuery, riskTriggerFiltersSchema } from "./trigger-filters";

/** An export stops here; narrow the filters for more. */
export const RISK_EXPORT_MAX_ROWS = 100_000;

const HEADER = [
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
];

/**
 * `GET /api/audit/risk-triggers?workspaceId=…&<filters>`: the filtered trigger records as CSV, for
 * the people who may read the audit and with the audit page's filters. Streamed page by page;
 * Excel-friendly (UTF-8 BOM); cells that a spreadsheet would run as formulas are neutralised.
 */
export async function exportRiskTriggers(
  request: Request,
  { db, userId, pageSize = 1_000 }: { db: Database; userId: string | null; pageSize?: number },
): Promise<Response> {
  if (!userId) return plainText(401, "Sign in to export the risk triggers.");
  const params = new URL(request.url).searchParams;
  const workspaceId = z.uuid().safeParse(params.get("workspaceId"));
  if (!workspaceId.success) return plainText(400, "Add ?workspaceId= with the id of one of your workspaces.");
  // Not a member and no such workspace look the same, so ids cannot be probed.
  const membership = await findMembership(db, userId, { workspaceId: workspaceId.data });
  if (!membership) return plainText(404, "Workspace not found.");
  if (!canAudit(membership.role)) return plainText(403, "Only owners, admins and supervisors can export the risk triggers.");
  const filters = riskTriggerFiltersSchema.safeParse(riskFiltersFromQuery(params));
  if (!filters.success) return plainText(400, filters.error.issues[0]?.message ?? "Check the filters.");

  const day = new Date().toISOString().slice(0, 10);
  return csvDownload<number>({
    fileName: `risk-triggers-${membership.workspace.slug}-${day}.csv`,
    header: HEADER,
    maxRows: RISK_EXPORT_MAX_ROWS,
    pageSize,
    signal: request.signal,
    page: async (cursor, limit) => {
      const { items, nextCursor } = await listRiskTriggers(db, workspaceId.data, filters.data, { cursor, limit });
      const lines = items.map((row) =>
        csvLine([
          row.at,
          row.agentName ?? "(deleted user)",
          row.projectName,
          row.sessionId,
          row.customer,
          row.groupName,
          row.action === "block" ? "Block" : "Confirm",
          row.matchKind === "keyword" ? "Keyword" : "Pattern",
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
  });
}

import { agentStatusFiltersSchema, pageSchema, sessionLogFiltersSchema } from "@/server/audit/audit-filters";
import { auditFilterOptions } from "@/server/audit/audit-filter-options";
import { listAgentStatusLog } from "@/server/audit/list-agent-status-log";
import { listSessionLog } from "@/server/audit/list-session-log";
import { createTRPCRouter, requirePermission } from "../trpc";

/** Reading the audit changes nothing, so it stays open on an expired plan. */
const readAudit = requirePermission("audit.view");

export const auditRouter = createTRPCRouter({
  /** The projects and people the filters offer. */
  filterOptions: readAudit.query(({ ctx }) => auditFilterOptions(ctx.db, ctx.workspace.id)),

  /** Allocations, queueing, reassignments, take-overs, transfers, returns, accepts, escalations, closes: newest first, paged. */
  sessionLog: readAudit
    .input(pageSchema.extend({ filters: sessionLogFiltersSchema.default({}) }))
    .query(({ ctx, input }) => listSessionLog(ctx.db, ctx.workspace.id, input.filters, input)),

  /** Agent status changes with their causes: newest first, paged. */
  agentStatusLog: readAudit
    .input(pageSchema.extend({ filters: agentStatusFiltersSchema.default({}) }))
    .query(({ ctx, input }) => listAgentStatusLog(ctx.db, ctx.workspace.id, input.filters, input)),
});

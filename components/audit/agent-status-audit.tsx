"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { DataTable } from "@/components/ui/data-table";
import { MoreButton, QueryView } from "@/components/ui/query-view";
import { changedByLabel } from "@/server/audit/audit-labels";
import { agentStatusFiltersSchema, queryFromFilters } from "@/server/audit/audit-filters";
import { CAUSE_LABELS, STATUS_LABELS } from "@/server/presence/status-rules";
import { AuditSection } from "./audit-section";
import { auditTime, SelectFilter, TimeFilter } from "./filter-controls";
import { useAuditFilters } from "./use-audit-filters";

const PAGE_SIZE = 50;

/** The agent status log: every change, its cause, and who made it when it was not the agent. */
export function AgentStatusAudit({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const { filters, set, valid, problem, filtered, pageOptions } = useAuditFilters(agentStatusFiltersSchema, {});
  const options = useQuery(trpc.audit.filterOptions.queryOptions({ workspaceId }));
  const log = useInfiniteQuery(
    trpc.audit.agentStatusLog.infiniteQueryOptions({ workspaceId, filters, limit: PAGE_SIZE }, pageOptions),
  );
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <AuditSection
      id="agent-status-heading"
      title="Agent status changes"
      about="Who went Available, Away, Offline or was Kicked out, and why."
      exportHref={valid ? `/api/audit/session-log/agent-status?${queryFromFilters(workspaceId, filters)}` : null}
      exportLabel="Export status CSV"
      filterColumns="sm:grid-cols-3"
      filters={
        <>
          <SelectFilter label="Agent" value={filters.agentId ?? ""} onChange={(v) => set({ agentId: v || undefined })}>
            <option value="">Everyone</option>
            {options.data?.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </SelectFilter>
          <TimeFilter label="From" value={filters.from} onChange={(from) => set({ from })} />
          <TimeFilter label="To" value={filters.to} error={problem} onChange={(to) => set({ to })} />
        </>
      }
    >
      {options.isError && <Alert>Could not load the agents to filter by: {errorMessage(options.error)}</Alert>}
      {valid && (
        <QueryView
          query={log}
          loadingLabel="Loading status changes"
          failure="Could not load the status changes"
          empty={rows.length ? null : filtered ? "No status changes match these filters." : "No status changes yet."}
        >
          <DataTable aria-label="Agent status changes" columns={["Time", "Agent", "Change", "Cause", "Changed by"]}>
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{auditTime(row.at)}</td>
                <td className="px-3 py-2 font-medium">{row.agentName}</td>
                <td className="px-3 py-2">
                  {STATUS_LABELS[row.fromStatus]} → {STATUS_LABELS[row.toStatus]}
                  {row.awayReason && <span className="text-slate-500"> ({row.awayReason})</span>}
                </td>
                <td className="px-3 py-2">{CAUSE_LABELS[row.cause]}</td>
                <td className="px-3 py-2">{changedByLabel(row)}</td>
              </tr>
            ))}
          </DataTable>
        </QueryView>
      )}
      <MoreButton query={log}>Load older changes</MoreButton>
    </AuditSection>
  );
}

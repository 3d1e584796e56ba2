"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { changedByLabel } from "@/server/audit/audit-labels";
import { agentStatusFiltersSchema, queryFromFilters, type AgentStatusFilters } from "@/server/audit/audit-filters";
import { CAUSE_LABELS, STATUS_LABELS } from "@/server/presence/status-rules";
import { auditTime, SelectFilter, TimeFilter } from "./filter-controls";

const PAGE_SIZE = 50;

/** The agent status log: every change, its cause, and who made it when it was not the agent. */
export function AgentStatusAudit({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AgentStatusFilters>({});
  const checked = agentStatusFiltersSchema.safeParse(filters);
  const rangeProblem = checked.success ? null : (checked.error.issues[0]?.message ?? null);
  const options = useQuery(trpc.audit.filterOptions.queryOptions({ workspaceId }));
  const log = useInfiniteQuery(
    trpc.audit.agentStatusLog.infiniteQueryOptions(
      { workspaceId, filters, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, enabled: checked.success },
    ),
  );
  const set = (change: Partial<AgentStatusFilters>) => setFilters((current) => ({ ...current, ...change }));
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(filters.agentId || filters.from || filters.to);

  return (
    <section aria-labelledby="agent-status-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="agent-status-heading" className="text-lg font-semibold">
            Agent status changes
          </h2>
          <p className="text-sm text-slate-600">Who went Available, Away, Offline or was Kicked out, and why.</p>
        </div>
        <a
          href={checked.success ? `/api/audit/session-log/agent-status?${queryFromFilters(workspaceId, filters)}` : undefined}
          aria-disabled={!checked.success}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-disabled:pointer-events-none aria-disabled:text-slate-400"
          download
        >
          Export status CSV
        </a>
      </div>

      <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3">
        <SelectFilter label="Agent" value={filters.agentId ?? ""} onChange={(v) => set({ agentId: v || undefined })}>
          <option value="">Everyone</option>
          {options.data?.people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </SelectFilter>
        <TimeFilter label="From" value={filters.from} onChange={(from) => set({ from })} />
        <TimeFilter label="To" value={filters.to} error={rangeProblem} onChange={(to) => set({ to })} />
      </div>

      {!checked.success ? null : log.isPending ? (
        <div className="h-32 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading status changes" />
      ) : log.isError ? (
        <Alert>
          Could not load the status changes: {errorMessage(log.error)}{" "}
          <Button variant="ghost" onClick={() => log.refetch()}>
            Retry
          </Button>
        </Alert>
      ) : rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          {filtered ? "No status changes match these filters." : "No status changes yet."}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm" aria-label="Agent status changes">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">Time</th>
                <th className="px-3 py-2 font-medium">Agent</th>
                <th className="px-3 py-2 font-medium">Change</th>
                <th className="px-3 py-2 font-medium">Cause</th>
                <th className="px-3 py-2 font-medium">Changed by</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
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
            </tbody>
          </table>
        </div>
      )}
      {options.isError && <Alert>Could not load the agents to filter by: {errorMessage(options.error)}</Alert>}
      {log.hasNextPage && (
        <Button variant="secondary" pending={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
          Load older changes
        </Button>
      )}
    </section>
  );
}

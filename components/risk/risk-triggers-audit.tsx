"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { AuditSection } from "@/components/audit/audit-section";
import { auditTime, SearchFilter, SelectFilter, TimeFilter } from "@/components/audit/filter-controls";
import { useAuditFilters } from "@/components/audit/use-audit-filters";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { DataTable } from "@/components/ui/data-table";
import { MoreButton, QueryView } from "@/components/ui/query-view";
import {
  OUTCOME_LABELS,
  RISK_OUTCOMES,
  riskQueryFromFilters,
  riskTriggerFiltersSchema,
  type RiskOutcome,
} from "@/server/risk/trigger-filters";

const PAGE_SIZE = 50;

const OUTCOME_TONES: Record<RiskOutcome, string> = {
  blocked: "bg-red-50 text-red-700",
  sent_after_confirmation: "bg-amber-50 text-amber-800",
  cancelled: "bg-slate-100 text-slate-700",
  pending: "bg-slate-50 text-slate-500",
};

const COLUMNS = ["Time", "Agent", "Conversation", "Group", "Matched", "Message excerpt", "Outcome"];

/** Typing in the word search waits this long before asking the server. */
const SEARCH_DELAY_MS = 300;

/** Audit → Risk triggers: every hit of an agent's message, filtered and exportable. */
export function RiskTriggersAudit({ workspaceId, slug }: { workspaceId: string; slug: string }) {
  const trpc = useTRPC();
  const { filters, set, valid, problem, filtered, pageOptions } = useAuditFilters(riskTriggerFiltersSchema, {});
  const [word, setWord] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => set({ word: word.trim() || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [word, set]);
  const options = useQuery(trpc.risk.triggerFilterOptions.queryOptions({ workspaceId }));
  const log = useInfiniteQuery(trpc.risk.triggers.infiniteQueryOptions({ workspaceId, filters, limit: PAGE_SIZE }, pageOptions));
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <AuditSection
      id="risk-triggers-heading"
      title="Risk triggers"
      about="Every time an agent's message hit a risk word group, and what became of it. Records cannot be changed."
      exportHref={valid ? `/api/audit/risk-triggers?${riskQueryFromFilters(workspaceId, filters)}` : null}
      exportLabel="Export CSV"
      filterColumns="sm:grid-cols-4 lg:grid-cols-7"
      filters={
        <>
          <SearchFilter label="Word" value={word} maxLength={200} onChange={setWord} placeholder="Part of a word or address" />
          <SelectFilter label="Agent" value={filters.agentId ?? ""} onChange={(v) => set({ agentId: v || undefined })}>
            <option value="">Anyone</option>
            {options.data?.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </SelectFilter>
          <SelectFilter label="Project" value={filters.projectId ?? ""} onChange={(v) => set({ projectId: v || undefined })}>
            <option value="">All projects</option>
            {options.data?.projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </SelectFilter>
          <SelectFilter label="Group" value={filters.group ?? ""} onChange={(v) => set({ group: v || undefined })}>
            <option value="">All groups</option>
            {options.data?.groups.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectFilter>
          <SelectFilter
            label="Outcome"
            value={filters.outcome ?? ""}
            onChange={(v) => set({ outcome: (v || undefined) as RiskOutcome | undefined })}
          >
            <option value="">Any outcome</option>
            {RISK_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {OUTCOME_LABELS[outcome]}
              </option>
            ))}
          </SelectFilter>
          <TimeFilter label="From" value={filters.from} onChange={(from) => set({ from })} />
          <TimeFilter label="To" value={filters.to} error={problem} onChange={(to) => set({ to })} />
        </>
      }
    >
      {options.isError && <Alert>Could not load the filter choices: {errorMessage(options.error)}</Alert>}
      {valid && (
        <QueryView
          query={log}
          loadingLabel="Loading the risk triggers"
          failure="Could not load the risk triggers"
          empty={
            rows.length
              ? null
              : filtered
                ? "Nothing matches these filters. Widen the time range or clear a filter."
                : "No risk triggers yet. When an agent's message hits a risk word group, it is recorded here."
          }
        >
          <DataTable data-testid="risk-triggers" columns={COLUMNS}>
            {rows.map((row) => (
              <tr key={row.id} data-testid="risk-trigger" data-outcome={row.outcome} className="align-top">
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{auditTime(row.at)}</td>
                <td className="px-3 py-2">{row.agentName ?? <span className="text-slate-400">Deleted user</span>}</td>
                <td className="px-3 py-2">
                  <Link href={`/${slug}/inbox/${row.sessionId}`} className="text-brand-700 hover:underline">
                    {row.customer}
                  </Link>
                  <div className="text-xs text-slate-500">{row.projectName}</div>
                </td>
                <td className="px-3 py-2">
                  {row.groupName}
                  <div className="text-xs text-slate-500">{row.action === "block" ? "Blocks" : "Asks to confirm"}</div>
                </td>
                <td className="max-w-48 px-3 py-2">
                  <code className="break-all rounded bg-slate-100 px-1 text-xs">{row.matchedText}</code>
                  {row.matchKind === "time_limit" && (
                    <div className="mt-1 text-xs text-slate-500">
                      The check did not finish in time, so the agent was asked to confirm.
                    </div>
                  )}
                  {row.matchKind === "pattern" && (
                    <div className="mt-1 break-all text-xs text-slate-500" title="The pattern that matched">
                      /{row.matched}/
                    </div>
                  )}
                </td>
                <td className="max-w-sm break-words px-3 py-2 text-slate-700">{row.excerpt}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${OUTCOME_TONES[row.outcome]}`}>
                    {OUTCOME_LABELS[row.outcome]}
                  </span>
                </td>
              </tr>
            ))}
          </DataTable>
        </QueryView>
      )}
      <MoreButton query={log}>Load older records</MoreButton>
    </AuditSection>
  );
}

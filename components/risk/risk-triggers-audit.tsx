"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { auditTime, SelectFilter, TimeFilter } from "@/components/audit/filter-controls";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  OUTCOME_LABELS,
  RISK_OUTCOMES,
  riskQueryFromFilters,
  riskTriggerFiltersSchema,
  type RiskOutcome,
  type RiskTriggerFilters,
} from "@/server/risk/trigger-filters";

const PAGE_SIZE = 50;

const OUTCOME_TONES: Record<RiskOutcome, string> = {
  blocked: "bg-red-50 text-red-700",
  sent_after_confirmation: "bg-amber-50 text-amber-800",
  cancelled: "bg-slate-100 text-slate-700",
  pending: "bg-slate-50 text-slate-500",
};

/** Typing in the word search waits this long before asking the server. */
const SEARCH_DELAY_MS = 300;

/** Audit → Risk triggers: every hit of an agent's message, filtered and exportable. */
export function RiskTriggersAudit({ workspaceId, slug }: { workspaceId: string; slug: string }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<RiskTriggerFilters>({});
  const [word, setWord] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setFilters((current) => ({ ...current, word: word.trim() || undefined })), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [word]);
  const checked = riskTriggerFiltersSchema.safeParse(filters);
  const problem = checked.success ? null : (checked.error.issues[0]?.message ?? null);
  const options = useQuery(trpc.risk.triggerFilterOptions.queryOptions({ workspaceId }));
  const log = useInfiniteQuery(
    trpc.risk.triggers.infiniteQueryOptions(
      { workspaceId, filters, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, enabled: checked.success },
    ),
  );
  const set = (change: Partial<RiskTriggerFilters>) => setFilters((current) => ({ ...current, ...change }));
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <section aria-labelledby="risk-triggers-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="risk-triggers-heading" className="text-lg font-semibold">
            Risk triggers
          </h2>
          <p className="text-sm text-slate-600">
            Every time an agent&apos;s message hit a risk word group, and what became of it. Records cannot be changed.
          </p>
        </div>
        <a
          href={checked.success ? `/api/audit/risk-triggers?${riskQueryFromFilters(workspaceId, filters)}` : undefined}
          aria-disabled={!checked.success}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-disabled:pointer-events-none aria-disabled:text-slate-400"
          download
        >
          Export CSV
        </a>
      </div>

      <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4 lg:grid-cols-7">
        <div className="space-y-1">
          <label htmlFor="risk-word" className="block text-xs font-medium text-slate-600">
            Word
          </label>
          <input
            id="risk-word"
            type="search"
            value={word}
            maxLength={200}
            onChange={(e) => setWord(e.target.value)}
            placeholder="Part of a word or address"
            className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500"
          />
        </div>
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
      </div>

      {options.isError && <Alert>Could not load the filter choices: {errorMessage(options.error)}</Alert>}
      {!checked.success ? null : log.isPending ? (
        <div className="h-48 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading the risk triggers" />
      ) : log.isError ? (
        <Alert>
          Could not load the risk triggers: {errorMessage(log.error)}{" "}
          <Button variant="ghost" onClick={() => log.refetch()}>
            Retry
          </Button>
        </Alert>
      ) : rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          {filtered
            ? "Nothing matches these filters. Widen the time range or clear a filter."
            : "No risk triggers yet. When an agent's message hits a risk word group, it is recorded here."}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="risk-triggers">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">Time</th>
                <th className="px-3 py-2 font-medium">Agent</th>
                <th className="px-3 py-2 font-medium">Conversation</th>
                <th className="px-3 py-2 font-medium">Group</th>
                <th className="px-3 py-2 font-medium">Matched</th>
                <th className="px-3 py-2 font-medium">Message excerpt</th>
                <th className="px-3 py-2 font-medium">Outcome</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
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
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage && (
        <Button variant="secondary" pending={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
          Load older records
        </Button>
      )}
    </section>
  );
}

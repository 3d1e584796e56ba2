"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { LOG_KIND_LABELS, ruleLabel } from "@/components/inbox/routing-labels";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  queryFromFilters,
  sessionLogFiltersSchema,
  type SessionLogFilters,
  type SessionLogKind,
} from "@/server/audit/audit-filters";
import { actorLabel, personLabel } from "@/server/audit/audit-labels";
import type { SessionLogEntry } from "@/server/audit/list-session-log";
import { auditTime, SelectFilter, TimeFilter } from "./filter-controls";

const PAGE_SIZE = 50;

/** The kind filter, in the words of PRODUCT.md's audit; each choice is one or more log kinds. */
const KIND_CHOICES: Array<{ value: string; label: string; kinds: SessionLogKind[] }> = [
  { value: "allocations", label: "Allocations and queueing", kinds: ["assigned", "queued"] },
  { value: "reassigned", label: "Reassignments", kinds: ["reassigned"] },
  { value: "taken_over", label: "Take-overs", kinds: ["taken_over"] },
  { value: "transferred", label: "Transfers", kinds: ["transferred"] },
  { value: "returned", label: "Returns to the queue", kinds: ["returned"] },
  { value: "accepted", label: "Opened by the agent", kinds: ["accepted"] },
  { value: "escalated", label: "Escalations", kinds: ["escalated"] },
  { value: "closed", label: "Closes and reopens", kinds: ["closed", "reopened"] },
];

type Props = { workspaceId: string; slug: string; initialSessionId?: string };

/** Allocations, transfers, take-overs, returns, accepts, escalations and closes: who, when, why. */
export function SessionLogAudit({ workspaceId, slug, initialSessionId }: Props) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<SessionLogFilters>({ sessionId: initialSessionId });
  const [kindChoice, setKindChoice] = useState("");
  const checked = sessionLogFiltersSchema.safeParse(filters);
  const rangeProblem = checked.success ? null : (checked.error.issues[0]?.message ?? null);
  const options = useQuery(trpc.audit.filterOptions.queryOptions({ workspaceId }));
  const log = useInfiniteQuery(
    trpc.audit.sessionLog.infiniteQueryOptions(
      { workspaceId, filters, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, enabled: checked.success },
    ),
  );
  const set = (change: Partial<SessionLogFilters>) => setFilters((current) => ({ ...current, ...change }));
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const sessionRow = filters.sessionId ? rows.find((row) => row.sessionId === filters.sessionId) : undefined;
  const filtered = Boolean(
    filters.projectId || filters.agentId || filters.kinds || filters.sessionId || filters.from || filters.to,
  );

  return (
    <section aria-labelledby="session-log-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="session-log-heading" className="text-lg font-semibold">
            Session log
          </h2>
          <p className="text-sm text-slate-600">Every allocation and every change of hands, newest first.</p>
        </div>
        <a
          href={checked.success ? `/api/audit/session-log?${queryFromFilters(workspaceId, filters)}` : undefined}
          aria-disabled={!checked.success}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-disabled:pointer-events-none aria-disabled:text-slate-400"
          download
        >
          Export CSV
        </a>
      </div>

      <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5">
        <SelectFilter label="Project" value={filters.projectId ?? ""} onChange={(v) => set({ projectId: v || undefined })}>
          <option value="">All projects</option>
          {options.data?.projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
              {project.archived ? " (archived)" : ""}
            </option>
          ))}
        </SelectFilter>
        <SelectFilter label="Agent" value={filters.agentId ?? ""} onChange={(v) => set({ agentId: v || undefined })}>
          <option value="">Anyone</option>
          {options.data?.people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </SelectFilter>
        <SelectFilter
          label="Event"
          value={kindChoice}
          onChange={(v) => {
            setKindChoice(v);
            set({ kinds: KIND_CHOICES.find((choice) => choice.value === v)?.kinds });
          }}
        >
          <option value="">All events</option>
          {KIND_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </SelectFilter>
        <TimeFilter label="From" value={filters.from} onChange={(from) => set({ from })} />
        <TimeFilter label="To" value={filters.to} error={rangeProblem} onChange={(to) => set({ to })} />
      </div>

      {filters.sessionId && (
        <p className="flex items-center gap-2 text-sm">
          <span className="rounded-full bg-brand-50 px-3 py-1 text-brand-700">
            One conversation{sessionRow ? `: ${sessionRow.customer} in ${sessionRow.projectName}` : ""}
          </span>
          <Link href={`/${slug}/inbox/${filters.sessionId}`} className="text-brand-700 hover:underline">
            Open it
          </Link>
          <Button variant="ghost" className="px-2 py-1" onClick={() => set({ sessionId: undefined })}>
            Show all conversations
          </Button>
        </p>
      )}

      {options.isError && <Alert>Could not load the filter choices: {errorMessage(options.error)}</Alert>}
      {!checked.success ? null : log.isPending ? (
        <div className="h-48 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading the session log" />
      ) : log.isError ? (
        <Alert>
          Could not load the session log: {errorMessage(log.error)}{" "}
          <Button variant="ghost" onClick={() => log.refetch()}>
            Retry
          </Button>
        </Alert>
      ) : rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          {filtered
            ? "Nothing matches these filters. Widen the time range or choose another agent or event."
            : "Nothing logged yet. Each conversation's allocation and every change of hands will appear here."}
        </div>
      ) : (
        <SessionLogTable rows={rows} slug={slug} onSession={(sessionId) => set({ sessionId })} />
      )}
      {log.hasNextPage && (
        <Button variant="secondary" pending={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
          Load older entries
        </Button>
      )}
    </section>
  );
}

function SessionLogTable({ rows, slug, onSession }: { rows: SessionLogEntry[]; slug: string; onSession: (id: string) => void }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" aria-label="Session log">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">Time</th>
            <th className="px-3 py-2 font-medium">Event</th>
            <th className="px-3 py-2 font-medium">Conversation</th>
            <th className="px-3 py-2 font-medium">By</th>
            <th className="px-3 py-2 font-medium">From → to</th>
            <th className="px-3 py-2 font-medium">Rule</th>
            <th className="px-3 py-2 font-medium">Why</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{auditTime(row.at)}</td>
              <td className="whitespace-nowrap px-3 py-2 font-medium">{LOG_KIND_LABELS[row.kind] ?? row.kind}</td>
              <td className="px-3 py-2">
                <button
                  type="button"
                  onClick={() => onSession(row.sessionId)}
                  className="text-left text-brand-700 hover:underline"
                  title="Show this conversation's history"
                >
                  {row.customer}
                </button>
                <span className="block text-xs text-slate-500">
                  {row.projectName} ·{" "}
                  <Link href={`/${slug}/inbox/${row.sessionId}`} className="hover:underline">
                    open
                  </Link>
                </span>
              </td>
              <td className="px-3 py-2">{actorLabel(row)}</td>
              <td className="px-3 py-2">
                {row.fromUserId || row.toUserId
                  ? `${personLabel(row.fromName, row.fromUserId) ?? "—"} → ${personLabel(row.toName, row.toUserId) ?? "—"}`
                  : "—"}
              </td>
              <td className="px-3 py-2">
                {row.rule ? ruleLabel(row.rule) : "—"}
                {row.candidates !== null && (
                  <span className="block text-xs text-slate-500">
                    {row.candidates} eligible agent{row.candidates === 1 ? "" : "s"}
                  </span>
                )}
              </td>
              <td className="max-w-xs whitespace-pre-wrap break-words px-3 py-2 text-slate-700">{row.reason || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

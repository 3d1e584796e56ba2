"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { LOG_KIND_LABELS, ruleLabel } from "@/server/routing/log-labels";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { MoreButton, QueryView } from "@/components/ui/query-view";
import { queryFromFilters, sessionLogFiltersSchema, type SessionLogKind } from "@/server/audit/audit-filters";
import { actorLabel, personLabel } from "@/server/audit/audit-labels";
import type { SessionLogEntry } from "@/server/audit/list-session-log";
import { AuditSection } from "./audit-section";
import { auditTime, SelectFilter, TimeFilter } from "./filter-controls";
import { useAuditFilters } from "./use-audit-filters";

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
  const { filters, set, valid, problem, filtered, pageOptions } = useAuditFilters(sessionLogFiltersSchema, {
    sessionId: initialSessionId,
  });
  const [kindChoice, setKindChoice] = useState("");
  const options = useQuery(trpc.audit.filterOptions.queryOptions({ workspaceId }));
  const log = useInfiniteQuery(
    trpc.audit.sessionLog.infiniteQueryOptions({ workspaceId, filters, limit: PAGE_SIZE }, pageOptions),
  );
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const sessionRow = filters.sessionId ? rows.find((row) => row.sessionId === filters.sessionId) : undefined;

  return (
    <AuditSection
      id="session-log-heading"
      title="Session log"
      about="Every allocation and every change of hands, newest first."
      exportHref={valid ? `/api/audit/session-log?${queryFromFilters(workspaceId, filters)}` : null}
      exportLabel="Export CSV"
      filterColumns="sm:grid-cols-5"
      filters={
        <>
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
          <TimeFilter label="To" value={filters.to} error={problem} onChange={(to) => set({ to })} />
        </>
      }
    >
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
      {valid && (
        <QueryView
          query={log}
          loadingLabel="Loading the session log"
          failure="Could not load the session log"
          empty={
            rows.length
              ? null
              : filtered
                ? "Nothing matches these filters. Widen the time range or choose another agent or event."
                : "Nothing logged yet. Each conversation's allocation and every change of hands will appear here."
          }
        >
          <SessionLogTable rows={rows} slug={slug} onSession={(sessionId) => set({ sessionId })} />
        </QueryView>
      )}
      <MoreButton query={log}>Load older entries</MoreButton>
    </AuditSection>
  );
}

const COLUMNS = ["Time", "Event", "Conversation", "By", "From → to", "Rule", "Why"];

function SessionLogTable({ rows, slug, onSession }: { rows: SessionLogEntry[]; slug: string; onSession: (id: string) => void }) {
  return (
    <DataTable aria-label="Session log" columns={COLUMNS}>
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
    </DataTable>
  );
}

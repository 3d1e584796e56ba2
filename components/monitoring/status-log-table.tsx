"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { StatusBadge } from "@/components/presence/status-badge";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { MoreButton, QueryView } from "@/components/ui/query-view";
import { CAUSE_LABELS } from "@/server/presence/status-rules";

const PAGE = 30;

function timeOf(at: Date): string {
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay ? at.toLocaleTimeString() : at.toLocaleString();
}

/** The Agent Status Log: every change, newest first, with its cause and who made it. */
export function StatusLogTable({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const log = useInfiniteQuery(
    trpc.presence.statusLog.infiniteQueryOptions(
      { workspaceId, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <Card title="Agent status log">
      <QueryView
        query={log}
        look="card"
        loadingLabel="Loading the status log"
        failure="Could not load the status log"
        empty={entries.length ? null : "No status changes yet. They appear here as agents come online."}
      >
        <div className="space-y-3">
          <DataTable
            aria-label="Agent status log"
            frame="card"
            cellClassName="py-2 pr-3 last:pr-0"
            columns={["When", "Agent", "From", "To", "Cause", "By"]}
          >
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="py-1.5 pr-3 whitespace-nowrap tabular-nums text-slate-600">
                  <time dateTime={entry.at.toISOString()}>{timeOf(entry.at)}</time>
                </td>
                <td className="py-1.5 pr-3">{entry.userName}</td>
                <td className="py-1.5 pr-3">
                  <StatusBadge status={entry.fromStatus} awayReason={null} />
                </td>
                <td className="py-1.5 pr-3">
                  <StatusBadge status={entry.toStatus} awayReason={entry.awayReason} />
                </td>
                <td className="py-1.5 pr-3 text-slate-600">{CAUSE_LABELS[entry.cause]}</td>
                <td className="py-1.5 text-slate-600">{entry.actorName ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
          <MoreButton query={log}>Show earlier changes</MoreButton>
        </div>
      </QueryView>
    </Card>
  );
}

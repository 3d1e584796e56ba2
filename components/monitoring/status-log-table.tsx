"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { StatusBadge } from "@/components/presence/status-badge";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
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
      {log.isPending ? (
        <div className="h-24 animate-pulse rounded-md bg-slate-100" aria-label="Loading the status log" />
      ) : log.isError ? (
        <Alert>
          Could not load the status log: {errorMessage(log.error)}{" "}
          <Button variant="ghost" onClick={() => log.refetch()}>
            Retry
          </Button>
        </Alert>
      ) : entries.length === 0 ? (
        <p className="text-sm text-slate-600">No status changes yet. They appear here as agents come online.</p>
      ) : (
        <div className="space-y-3">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Agent status log">
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2 pr-3 font-medium">When</th>
                  <th className="py-2 pr-3 font-medium">Agent</th>
                  <th className="py-2 pr-3 font-medium">From</th>
                  <th className="py-2 pr-3 font-medium">To</th>
                  <th className="py-2 pr-3 font-medium">Cause</th>
                  <th className="py-2 font-medium">By</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
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
              </tbody>
            </table>
          </div>
          {log.hasNextPage && (
            <Button variant="secondary" pending={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
              Show earlier changes
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}

"use client";
import { useQuery } from "@tanstack/react-query";
import { useNow } from "@/components/inbox/use-now";
import { formatDuration } from "@/components/presence/format-duration";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";

/** How many customers wait in each project's queue, and for how long the first of them has. */
export function QueueSizes({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const board = useQuery(trpc.presence.board.queryOptions({ workspaceId }));
  const now = useNow(1000);

  return (
    <Card title="Queues">
      {board.isPending ? (
        <div className="h-16 animate-pulse rounded-md bg-slate-100" aria-label="Loading queues" />
      ) : board.isError ? (
        <Alert>Could not load the queues: {errorMessage(board.error)}</Alert>
      ) : board.data.queues.length === 0 ? (
        <p className="text-sm text-slate-600">No projects yet. Create one on the Projects page to receive customers.</p>
      ) : (
        <ul aria-label="Queues" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {board.data.queues.map((queue) => (
            <li key={queue.projectId} className="rounded-md border border-slate-200 px-4 py-3">
              <p className="truncate text-sm font-medium text-slate-900">{queue.name}</p>
              <p className="mt-1 text-2xl font-semibold tabular-nums" aria-label={`${queue.waiting} waiting`}>
                {queue.waiting}
                <span className="ml-1 text-sm font-normal text-slate-500">waiting</span>
              </p>
              <p className="text-xs text-slate-500">
                {queue.oldestWaitingSince
                  ? `Longest wait ${formatDuration(now - queue.oldestWaitingSince.getTime())}`
                  : "Nobody is waiting."}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

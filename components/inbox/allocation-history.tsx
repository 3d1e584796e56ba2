"use client";
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { fullTime } from "./format-time";
import { LOG_KIND_LABELS, ruleLabel } from "@/server/routing/log-labels";

type Props = { workspaceId: string; sessionId: string };

/** The session's allocation history: every decision and hand-over, when, by which rule, from whom to whom, why. */
export function AllocationHistory({ workspaceId, sessionId }: Props) {
  const trpc = useTRPC();
  const history = useQuery(trpc.inbox.allocationHistory.queryOptions({ workspaceId, sessionId }));

  return (
    <section
      aria-label="Allocation history"
      data-testid="allocation-history"
      className="max-h-72 overflow-y-auto border-b border-slate-200 bg-white px-4 py-3"
    >
      <h3 className="mb-2 text-sm font-semibold text-slate-900">Allocation history</h3>
      {history.isPending ? (
        <div aria-busy="true" aria-label="Loading the allocation history" className="space-y-2">
          <div className="h-3 w-2/3 animate-pulse rounded bg-slate-100" />
          <div className="h-3 w-1/2 animate-pulse rounded bg-slate-100" />
        </div>
      ) : history.isError ? (
        <Alert>{errorMessage(history.error)}</Alert>
      ) : history.data.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing yet: routing has not looked at this conversation.</p>
      ) : (
        <ol className="space-y-2">
          {history.data.map((entry) => (
            <li key={entry.id} data-testid="history-entry" data-kind={entry.kind} className="text-sm">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <time dateTime={entry.at.toISOString()} className="text-xs text-slate-500">
                  {fullTime(entry.at)}
                </time>
                <span className="font-medium text-slate-900">{LOG_KIND_LABELS[entry.kind] ?? entry.kind}</span>
                {(entry.fromName || entry.toName) && (
                  <span className="text-slate-700">
                    {entry.fromName ?? "queue"} → {entry.toName ?? "queue"}
                  </span>
                )}
              </div>
              <p className="text-xs text-slate-600">
                {[
                  entry.rule && `Rule: ${ruleLabel(entry.rule)}`,
                  entry.candidates !== null && `${entry.candidates} eligible`,
                  entry.actorName ? `by ${entry.actorName}` : "automatic",
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {entry.reason && <p className="text-xs text-slate-700">“{entry.reason}”</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

import type { AgentStatus } from "@/server/presence/change-status";
import { STATUS_LABELS } from "@/server/presence/status-rules";

export const STATUS_DOT: Record<AgentStatus, string> = {
  available: "bg-emerald-500",
  busy: "bg-amber-500",
  away: "bg-yellow-400",
  not_ready: "bg-sky-500",
  finishing: "bg-violet-500",
  kicked_out: "bg-red-600",
  offline: "bg-slate-400",
};

/** "Available", "Away · Lunch break": the status in words, with a coloured dot. */
export function statusText(status: AgentStatus, awayReason: string | null): string {
  return status === "away" && awayReason ? `${STATUS_LABELS.away} · ${awayReason}` : STATUS_LABELS[status];
}

export function StatusDot({ status }: { status: AgentStatus }) {
  return <span className={`inline-block size-2.5 shrink-0 rounded-full ${STATUS_DOT[status]}`} aria-hidden />;
}

export function StatusBadge({ status, awayReason }: { status: AgentStatus; awayReason: string | null }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-sm" data-status={status}>
      <StatusDot status={status} />
      {statusText(status, awayReason)}
    </span>
  );
}

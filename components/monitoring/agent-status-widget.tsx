"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useNow } from "@/components/inbox/use-now";
import { formatDuration } from "@/components/presence/format-duration";
import { StatusBadge } from "@/components/presence/status-badge";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { QueryView } from "@/components/ui/query-view";
import type { AgentStatus } from "@/server/presence/change-status";
import { CAUSE_LABELS, maySetStatusOf, STATUS_LABELS, type SelectableStatus } from "@/server/presence/status-rules";
import { ROLE_LABELS, type Role } from "@/server/workspaces/roles";

const FILTER_ORDER: AgentStatus[] = ["available", "busy", "away", "not_ready", "finishing", "kicked_out", "offline"];
const SET_CHOICES = ["available", "busy", "not_ready", "finishing", "offline"] as const satisfies readonly SelectableStatus[];

const COLUMNS = ["Agent", "Status", "In queue", "Pinned", "Since last change", "Set status"];

type Props = { workspaceId: string; viewerRole: Role; readOnlyReason: string | null };

/** Seed 004's agent status widget: status, personal queue, pinned sessions, time since the last change; filter by status. */
export function AgentStatusWidget({ workspaceId, viewerRole, readOnlyReason }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const filterId = useId();
  const [filter, setFilter] = useState<AgentStatus | "all">("all");
  const board = useQuery(trpc.presence.board.queryOptions({ workspaceId }));
  const settings = useQuery(trpc.presence.settings.queryOptions({ workspaceId }));
  const now = useNow(1000);
  const setStatus = useMutation(
    trpc.presence.setAgentStatus.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.presence.board.queryFilter({ workspaceId })),
    }),
  );

  const agents = board.data?.agents ?? [];
  const shown = filter === "all" ? agents : agents.filter((a) => a.status === filter);
  const count = (status: AgentStatus) => agents.filter((a) => a.status === status).length;
  const failedFor = setStatus.isError ? agents.find((a) => a.userId === setStatus.variables?.userId) : undefined;

  function apply(userId: string, value: string) {
    if (!value) return;
    const [status, ...reason] = value.split(":");
    setStatus.mutate({
      workspaceId,
      userId,
      status: status as SelectableStatus,
      awayReason: status === "away" ? reason.join(":") : null,
    });
  }

  return (
    <Card
      title={
        <span className="flex items-center justify-between gap-3">
          <span>Agent status</span>
          <span className="flex items-center gap-2 font-normal">
            <label htmlFor={filterId} className="text-sm text-slate-600">
              Show
            </label>
            <select
              id={filterId}
              value={filter}
              onChange={(e) => setFilter(e.target.value as AgentStatus | "all")}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
            >
              <option value="all">All ({agents.length})</option>
              {FILTER_ORDER.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]} ({count(status)})
                </option>
              ))}
            </select>
          </span>
        </span>
      }
    >
      {readOnlyReason && (
        <div className="mb-3">
          <Alert tone="info">{readOnlyReason}</Alert>
        </div>
      )}
      {failedFor && (
        <div className="mb-3">
          <Alert>
            Could not change {failedFor.name}&apos;s status: {errorMessage(setStatus.error)}
          </Alert>
        </div>
      )}
      <QueryView
        query={board}
        look="card"
        loadingLabel="Loading agents"
        failure="Could not load the agents"
        empty={
          shown.length
            ? null
            : filter === "all"
              ? "Nobody here works sessions yet. Invite agents on the Agents page."
              : `No agent is ${STATUS_LABELS[filter]} right now.`
        }
      >
        <DataTable aria-label="Agents" frame="card" cellClassName="py-2 pr-3 last:pr-0" columns={COLUMNS}>
          {shown.map((agent) => {
            const canSet = !readOnlyReason && maySetStatusOf(viewerRole, agent.role);
            return (
              <tr key={agent.userId} data-testid="agent-row">
                <td className="py-2 pr-3">
                  <p className="font-medium text-slate-900">{agent.name}</p>
                  <p className="text-xs text-slate-500">{ROLE_LABELS[agent.role]}</p>
                </td>
                <td className="py-2 pr-3">
                  <StatusBadge status={agent.status} awayReason={agent.awayReason} />
                  {agent.statusCause !== "manual" && <p className="text-xs text-slate-500">{CAUSE_LABELS[agent.statusCause]}</p>}
                </td>
                <td className="py-2 pr-3 tabular-nums">
                  <span className={agent.openSessions >= agent.capacity ? "font-semibold text-amber-700" : undefined}>
                    {agent.openSessions}
                  </span>
                  <span className="text-slate-500"> / {agent.capacity}</span>
                </td>
                <td className="py-2 pr-3 tabular-nums">{agent.pinnedSessions}</td>
                <td className="py-2 pr-3 tabular-nums">
                  <time dateTime={agent.statusChangedAt.toISOString()} title={agent.statusChangedAt.toLocaleString()}>
                    {formatDuration(now - agent.statusChangedAt.getTime())}
                  </time>
                </td>
                <td className="py-2">
                  <select
                    aria-label={`Set the status of ${agent.name}`}
                    value=""
                    disabled={!canSet || (setStatus.isPending && setStatus.variables?.userId === agent.userId)}
                    onChange={(e) => apply(agent.userId, e.target.value)}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm disabled:bg-slate-50 disabled:text-slate-400"
                  >
                    <option value="">{canSet ? "Set status…" : "—"}</option>
                    {SET_CHOICES.map((choice) => (
                      <option key={choice} value={choice}>
                        {STATUS_LABELS[choice]}
                      </option>
                    ))}
                    <optgroup label="Away">
                      {(settings.data?.awayReasons ?? []).map((reason) => (
                        <option key={reason.label} value={`away:${reason.label}`}>
                          Away · {reason.label}
                        </option>
                      ))}
                    </optgroup>
                  </select>
                </td>
              </tr>
            );
          })}
        </DataTable>
      </QueryView>
    </Card>
  );
}

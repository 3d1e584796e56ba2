"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useWorkspaceEvents } from "@/components/console/use-workspace-events";
import { useTRPC } from "@/components/providers/trpc";
import type { Role } from "@/server/workspaces/roles";
import { AgentStatusWidget } from "./agent-status-widget";
import { QueueSizes } from "./queue-sizes";
import { StatusLogTable } from "./status-log-table";

/** Many events in a burst (a queue draining) cause one re-read, at most this often. */
const REFETCH_EVERY_MS = 500;

type Props = { workspaceId: string; viewerRole: Role; readOnlyReason: string | null };

/** The Monitoring page: the agent status widget (seed 004), queue sizes and the status log, kept live over SSE. */
export function MonitoringView({ workspaceId, viewerRole, readOnlyReason }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pending = useRef<{ timer?: ReturnType<typeof setTimeout>; log: boolean }>({ log: false });

  useWorkspaceEvents(workspaceId, (event) => {
    const statusChanged = event.type === "agent.updated" || event.type === "resync";
    const loadChanged = event.type === "queue.updated" || event.type.startsWith("session.");
    if (!statusChanged && !loadChanged) return;
    pending.current.log ||= statusChanged;
    pending.current.timer ??= setTimeout(() => {
      const refetchLog = pending.current.log;
      pending.current = { log: false };
      void queryClient.invalidateQueries(trpc.presence.board.queryFilter({ workspaceId }));
      if (refetchLog) void queryClient.invalidateQueries(trpc.presence.statusLog.pathFilter());
    }, REFETCH_EVERY_MS);
  });
  useEffect(() => () => clearTimeout(pending.current.timer), []);

  return (
    <div className="space-y-6">
      <AgentStatusWidget workspaceId={workspaceId} viewerRole={viewerRole} readOnlyReason={readOnlyReason} />
      <QueueSizes workspaceId={workspaceId} />
      <StatusLogTable workspaceId={workspaceId} />
    </div>
  );
}

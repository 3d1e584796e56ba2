"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import {
  useWorkspaceEvents,
  useWorkspaceLiveState,
  type LiveState,
  type WorkspaceEvent,
} from "@/components/console/use-workspace-events";
import { useTRPC } from "@/components/providers/trpc";

export type { LiveState };
export type StreamEvent = WorkspaceEvent;

/** Events arriving within this window cause one refetch, not one each. */
const BATCH_MS = 100;

/**
 * Keeps the inbox live: listens to the workspace's event stream and refetches the inbox queries an
 * event touches (lists, tab counts, teammates' load, the touched conversations and their allocation
 * history). After any (re)connection everything is refetched, since events may have been missed.
 * `onEvent` hears every event too (e.g. a session assigned to the viewer).
 */
export function useConsoleEvents(workspaceId: string, onEvent?: (event: StreamEvent) => void): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listener = useRef(onEvent);
  const touchedSessions = useRef(new Set<string>());
  const batchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    listener.current = onEvent;
  }, [onEvent]);
  useEffect(() => () => clearTimeout(batchTimer.current), []);

  useWorkspaceEvents(workspaceId, (event) => {
    if (event.type === "resync") return void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
    listener.current?.(event);
    if (event.sessionId) touchedSessions.current.add(event.sessionId);
    batchTimer.current ??= setTimeout(() => {
      batchTimer.current = undefined;
      void queryClient.invalidateQueries(trpc.inbox.sessions.pathFilter());
      void queryClient.invalidateQueries(trpc.inbox.tabs.pathFilter());
      void queryClient.invalidateQueries(trpc.inbox.seatMembers.pathFilter());
      for (const sessionId of touchedSessions.current) {
        void queryClient.invalidateQueries(trpc.inbox.conversation.queryFilter({ workspaceId, sessionId }));
        void queryClient.invalidateQueries(trpc.inbox.allocationHistory.queryFilter({ workspaceId, sessionId }));
      }
      touchedSessions.current.clear();
    }, BATCH_MS);
  });

  return useWorkspaceLiveState(workspaceId);
}

"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";

export type LiveState = "connecting" | "live" | "offline";

type StreamEvent = { type: string; sessionId?: string };

/** After the server refused the stream (signed out, restarted), try again this much later. */
const RETRY_MS = 5_000;
/** Events arriving within this window cause one refetch, not one each. */
const BATCH_MS = 100;

/**
 * Keeps the inbox live: listens to `/api/events` (SSE) and refetches the inbox queries an event
 * touches. After any (re)connection everything is refetched, since events may have been missed.
 */
export function useConsoleEvents(workspaceId: string): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let batchTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const touchedSessions = new Set<string>();

    const refetchAll = () => void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
    const flush = () => {
      batchTimer = undefined;
      void queryClient.invalidateQueries(trpc.inbox.sessions.pathFilter());
      for (const sessionId of touchedSessions) {
        void queryClient.invalidateQueries(trpc.inbox.conversation.queryFilter({ workspaceId, sessionId }));
      }
      touchedSessions.clear();
    };

    const connect = () => {
      if (stopped) return;
      const current = new EventSource(`/api/events?workspaceId=${encodeURIComponent(workspaceId)}`);
      source = current;
      current.onopen = () => {
        setState("live");
        refetchAll();
      };
      current.onmessage = (message: MessageEvent<string>) => {
        let event: StreamEvent;
        try {
          event = JSON.parse(message.data) as StreamEvent;
        } catch {
          return;
        }
        if (event.type === "resync") return refetchAll();
        if (event.sessionId) touchedSessions.add(event.sessionId);
        batchTimer ??= setTimeout(flush, BATCH_MS);
      };
      current.onerror = () => {
        // The browser reconnects by itself after a dropped stream; after a refused one it gives up, so we retry.
        if (current.readyState === EventSource.CLOSED) {
          setState("offline");
          current.close();
          retryTimer = setTimeout(() => {
            setState("connecting");
            connect();
          }, RETRY_MS);
        } else {
          setState("connecting");
        }
      };
    };
    connect();

    return () => {
      stopped = true;
      source?.close();
      clearTimeout(retryTimer);
      clearTimeout(batchTimer);
    };
  }, [workspaceId, queryClient, trpc]);

  return state;
}

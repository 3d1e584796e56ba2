"use client";
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";

/** What the console hears over `/api/events` (ids only), plus "resync" after every (re)connection. */
export type WorkspaceEvent = { type: string; sessionId?: string; userId?: string; projectId?: string; reason?: string };
export type LiveState = "connecting" | "live" | "offline";
type Listener = (event: WorkspaceEvent) => void;

/** After the server refused the stream (signed out, restarted), try again this much later. */
const RETRY_MS = 5_000;

type Channel = {
  listeners: Set<Listener>;
  stateListeners: Set<(state: LiveState) => void>;
  state: LiveState;
  close: () => void;
};
const channels = new Map<string, Channel>();

/**
 * One EventSource per workspace per tab, shared by every component that subscribes (the header's
 * status switcher, escalation notices and the page), so a console does not use up the browser's
 * six connections per server.
 */
function openChannel(workspaceId: string): Channel {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const channel: Channel = {
    listeners: new Set(),
    stateListeners: new Set(),
    state: "connecting",
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
    },
  };
  const emit = (event: WorkspaceEvent) => {
    for (const listener of [...channel.listeners]) listener(event);
  };
  const setState = (state: LiveState) => {
    if (channel.state === state) return;
    channel.state = state;
    for (const listener of [...channel.stateListeners]) listener(state);
  };
  const connect = () => {
    if (closed) return;
    const current = new EventSource(`/api/events?workspaceId=${encodeURIComponent(workspaceId)}`);
    source = current;
    // Events may have been missed while (re)connecting: listeners re-read what they show.
    current.onopen = () => {
      setState("live");
      emit({ type: "resync" });
    };
    current.onmessage = (message: MessageEvent<string>) => {
      let event: WorkspaceEvent;
      try {
        event = JSON.parse(message.data) as WorkspaceEvent;
      } catch {
        return; // Not an event of ours; the next one will be.
      }
      // Signed out (here or elsewhere): to the sign-in form. Removed from the workspace: reload into what this person may see now.
      if (event.type === "access.ended") {
        channel.close();
        if (event.reason === "signed_out") window.location.replace("/sign-in");
        else window.location.reload();
        return;
      }
      emit(event);
    };
    current.onerror = () => {
      // The browser reconnects by itself after a dropped stream; after a refused one it gives up, so we retry.
      if (current.readyState !== EventSource.CLOSED) return setState("connecting");
      setState("offline");
      current.close();
      retryTimer = setTimeout(() => {
        setState("connecting");
        connect();
      }, RETRY_MS);
    };
  };
  connect();
  return channel;
}

function join(workspaceId: string): { channel: Channel; leave: () => void } {
  let channel = channels.get(workspaceId);
  if (!channel) {
    channel = openChannel(workspaceId);
    channels.set(workspaceId, channel);
  }
  const current = channel;
  return {
    channel: current,
    leave() {
      if (current.listeners.size > 0 || current.stateListeners.size > 0) return;
      current.close();
      if (channels.get(workspaceId) === current) channels.delete(workspaceId);
    },
  };
}

/** Calls `onEvent` for every live event of the workspace while the component is mounted. */
export function useWorkspaceEvents(workspaceId: string, onEvent: Listener): void {
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => {
    const { channel, leave } = join(workspaceId);
    const entry: Listener = (event) => latest.current(event);
    channel.listeners.add(entry);
    return () => {
      channel.listeners.delete(entry);
      leave();
    };
  }, [workspaceId]);
}

/** Whether the workspace's live stream is connected (for a "live" / "reconnecting" indicator). */
export function useWorkspaceLiveState(workspaceId: string): LiveState {
  const subscribeToState = useCallback(
    (notify: () => void) => {
      const { channel, leave } = join(workspaceId);
      const entry = () => notify();
      channel.stateListeners.add(entry);
      return () => {
        channel.stateListeners.delete(entry);
        leave();
      };
    },
    [workspaceId],
  );
  return useSyncExternalStore(
    subscribeToState,
    () => channels.get(workspaceId)?.state ?? "connecting",
    () => "connecting",
  );
}

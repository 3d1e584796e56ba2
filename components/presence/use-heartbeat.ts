"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/providers/trpc";

/** How often an open console says it is there; the server's presence TTL (default 60 s) spans three beats. */
export const HEARTBEAT_MS = 20_000;
const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart", "mousemove"] as const;

/**
 * A ticker in a worker: a background tab's own timers are slowed to one a minute by the browser,
 * which would let presence lapse while the console is still open. Falls back to setInterval.
 */
function startTicker(everyMs: number, tick: () => void): () => void {
  try {
    const code = `setInterval(() => postMessage(0), ${everyMs});`;
    const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    const worker = new Worker(url);
    worker.onmessage = tick;
    return () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    };
  } catch {
    const timer = setInterval(tick, everyMs);
    return () => clearInterval(timer);
  }
}

/**
 * Keeps the member present while this console is open: a heartbeat every 20 s saying whether they
 * interacted since the last one, and one at once when the tab gets focus back.
 */
export function useHeartbeat(workspaceId: string): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutate } = useMutation(
    trpc.presence.heartbeat.mutationOptions({
      onSuccess: (result) => {
        const me = queryClient.getQueryData(trpc.presence.me.queryKey({ workspaceId }));
        // The server changed the status (came online): the switcher shows it at once.
        if (result && me && (me.status !== result.status || me.awayReason !== result.awayReason)) {
          void queryClient.invalidateQueries(trpc.presence.me.queryFilter({ workspaceId }));
        }
      },
    }),
  );
  const beatRef = useRef(mutate);
  useEffect(() => {
    beatRef.current = mutate;
  });

  useEffect(() => {
    // Opening the console is activity.
    let active = true;
    const markActive = () => {
      active = true;
    };
    let lastBeat = 0;
    const beat = () => {
      lastBeat = Date.now();
      const wasActive = active;
      active = false;
      beatRef.current({ workspaceId, active: wasActive });
    };
    const onFocus = () => {
      active = true;
      // Focus and visibilitychange arrive together when the tab comes back: one beat is enough.
      if (Date.now() - lastBeat > 2_000) beat();
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") onFocus();
    };

    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, markActive, { passive: true, capture: true });
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onVisible);
    beat();
    const stop = startTicker(HEARTBEAT_MS, beat);
    return () => {
      stop();
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, markActive, { capture: true });
      window.removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [workspaceId]);
}

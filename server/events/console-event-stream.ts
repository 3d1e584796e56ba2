import { eventBus, type EventBus } from "./bus";
import { isConsoleEvent, type BusEvent } from "./types";

export const HEARTBEAT_MS = 15_000;
/** How long a browser's EventSource waits before reconnecting after the stream drops. */
const RECONNECT_MS = 3_000;

type Options = {
  workspaceId: string;
  /** Whose stream it is: it closes when this sign-in is revoked or this member leaves the workspace. */
  viewer?: { userId: string; sessionId: string | null };
  /** Aborting (the browser went away) ends the stream and unsubscribes. */
  signal: AbortSignal;
  bus?: EventBus;
  heartbeatMs?: number;
};

/** What one SSE frame carries to a console: that workspace's console events, or a request to re-read everything. */
function frameFor(event: BusEvent, workspaceId: string): string | null {
  if (event.type === "access.session_revoked" || event.type === "access.member_removed") return null;
  if (event.type === "bus.reconnected") return `data: ${JSON.stringify({ type: "resync" })}\n\n`;
  if (!isConsoleEvent(event) || event.workspaceId !== workspaceId) return null;
  return `data: ${JSON.stringify(event)}\n\n`;
}

function endsAccess(event: BusEvent, workspaceId: string, viewer: NonNullable<Options["viewer"]>): boolean {
  if (event.type === "access.session_revoked") return event.sessionId === viewer.sessionId;
  return event.type === "access.member_removed" && event.workspaceId === workspaceId && event.userId === viewer.userId;
}

/**
 * A `text/event-stream` body with the live events of one workspace (ids only; the console re-reads
 * through tRPC). A comment every 15 s keeps proxies from closing an idle stream.
 */
export function consoleEventStream({ workspaceId, viewer, signal, bus = eventBus(), heartbeatMs = HEARTBEAT_MS }: Options) {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = bus.subscribe((event) => {
        if (viewer && endsAccess(event, workspaceId, viewer)) {
          const reason = event.type === "access.session_revoked" ? "signed_out" : "removed";
          send(`data: ${JSON.stringify({ type: "access.ended", reason })}\n\n`);
          return cleanup();
        }
        const frame = frameFor(event, workspaceId);
        if (frame) send(frame);
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), heartbeatMs);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // Already closed or cancelled by the reader.
        }
      };
      if (signal.aborted) return cleanup();
      signal.addEventListener("abort", cleanup);
      send(`retry: ${RECONNECT_MS}\n: connected\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
}

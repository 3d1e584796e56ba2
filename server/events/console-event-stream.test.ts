import { describe, expect, it } from "vitest";
import { createLocalBus, type EventBus } from "./bus";
import { consoleEventStream } from "./console-event-stream";
import type { BusEvent } from "./types";

const WS = "00000000-0000-4000-8000-0000000000aa";
const OTHER = "00000000-0000-4000-8000-0000000000bb";
const SESSION = "00000000-0000-4000-8000-0000000000cc";

/** A local bus that counts its live subscriptions, to see the stream let go of it. */
function countingBus() {
  const inner = createLocalBus();
  let live = 0;
  const bus: EventBus = {
    publish: (e) => inner.publish(e),
    subscribe(listener) {
      live++;
      const off = inner.subscribe(listener);
      return () => {
        live--;
        off();
      };
    },
  };
  return { bus, live: () => live };
}

async function readFrames(stream: ReadableStream<Uint8Array>, count: number): Promise<string[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (text.split("\n\n").length - 1 < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text.split("\n\n").slice(0, count);
}

describe("consoleEventStream", () => {
  it("streams the workspace's console events, never another workspace's or outbox events", async () => {
    const { bus } = countingBus();
    const abort = new AbortController();
    const stream = consoleEventStream({ workspaceId: WS, signal: abort.signal, bus });
    const events: BusEvent[] = [
      { type: "message.created", workspaceId: OTHER, sessionId: SESSION, messageId: 1 },
      { type: "outbox.queued", messageId: 2 },
      { type: "message.created", workspaceId: WS, sessionId: SESSION, messageId: 3 },
      { type: "session.updated", workspaceId: WS, sessionId: SESSION },
    ];
    await bus.publish(events);
    const frames = await readFrames(stream, 3);
    abort.abort();
    expect(frames[0]).toBe("retry: 3000\n: connected");
    expect(frames.slice(1).map((f) => JSON.parse(f.replace(/^data: /, "")))).toEqual([events[2], events[3]]);
  });

  it("asks the console to re-read everything after the bus reconnected", async () => {
    const { bus } = countingBus();
    const abort = new AbortController();
    const stream = consoleEventStream({ workspaceId: WS, signal: abort.signal, bus });
    await bus.publish({ type: "bus.reconnected" });
    const frames = await readFrames(stream, 2);
    abort.abort();
    expect(frames[1]).toBe('data: {"type":"resync"}');
  });

  it("sends a heartbeat comment while nothing happens", async () => {
    const { bus } = countingBus();
    const abort = new AbortController();
    const stream = consoleEventStream({ workspaceId: WS, signal: abort.signal, bus, heartbeatMs: 20 });
    const frames = await readFrames(stream, 3);
    abort.abort();
    expect(frames.slice(1)).toEqual([": heartbeat", ": heartbeat"]);
  });

  it("unsubscribes and ends when the request is aborted", async () => {
    const { bus, live } = countingBus();
    const abort = new AbortController();
    const stream = consoleEventStream({ workspaceId: WS, signal: abort.signal, bus, heartbeatMs: 10 });
    expect(live()).toBe(1);
    const reader = stream.getReader();
    await reader.read();
    abort.abort();
    expect(live()).toBe(0);
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });

  it("unsubscribes when the reader cancels", async () => {
    const { bus, live } = countingBus();
    const stream = consoleEventStream({ workspaceId: WS, signal: new AbortController().signal, bus });
    await stream.cancel();
    expect(live()).toBe(0);
  });
});

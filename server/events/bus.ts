import { EventEmitter } from "node:events";
import type { BusEvent } from "./types";

type Listener = (event: BusEvent) => void;

export interface EventBus {
  /** Delivers to every subscriber of every server instance (call after the data is committed). */
  publish(events: BusEvent | BusEvent[]): Promise<void>;
  subscribe(listener: Listener): () => void;
}

/** One process: an EventEmitter. Used by the embedded defaults (LISTEN/NOTIFY does not pass pglite-socket). */
export function createLocalBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(events) {
      for (const event of Array.isArray(events) ? events : [events]) emitter.emit("event", event);
    },
    subscribe(listener) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
  };
}

// On globalThis: the launcher (tsx) and the Next.js bundle load separate copies of this module in one process.
const INSTANCE_KEY = Symbol.for("deskgram.events.bus");
type Holder = typeof globalThis & { [INSTANCE_KEY]?: EventBus };

/** The process-wide bus. */
export function eventBus(): EventBus {
  const holder = globalThis as Holder;
  holder[INSTANCE_KEY] ??= createLocalBus();
  return holder[INSTANCE_KEY];
}

/** Installs the process-wide bus (the launcher does, before serving). */
export function setEventBus(bus: EventBus): void {
  (globalThis as Holder)[INSTANCE_KEY] = bus;
}

import type { BusEvent } from "./types";

export type Listener = (event: BusEvent) => void;

export interface EventBus {
  /** Delivers to every subscriber of every server instance (call after the data is committed). */
  publish(events: BusEvent | BusEvent[]): Promise<void>;
  subscribe(listener: Listener): () => void;
}

/** Subscribers of one process; a subscriber that throws is logged and does not stop the others. */
export function createListenerSet(log: (line: string) => void = console.error) {
  const listeners = new Set<Listener>();
  return {
    add(listener: Listener): () => void {
      // Wrapped, so one function subscribed twice gets two deliveries and two unsubscribes, like an EventEmitter.
      const entry: Listener = (event) => listener(event);
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    emit(event: BusEvent): void {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          log(`[events] a subscriber failed on ${event.type}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}

/** One process: in-memory fan-out. Used by the embedded defaults (LISTEN/NOTIFY does not pass pglite-socket). */
export function createLocalBus(): EventBus {
  const listeners = createListenerSet();
  return {
    async publish(events) {
      for (const event of Array.isArray(events) ? events : [events]) listeners.emit(event);
    },
    subscribe(listener) {
      return listeners.add(listener);
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

/**
 * Publishes events of data that is already committed. A failure is logged, not thrown: the change
 * happened, and consoles re-read on reconnect while outbox workers poll as a safety net, so failing
 * the request would only make the person repeat an action that succeeded.
 */
export async function publishCommitted(events: BusEvent[], bus: EventBus = eventBus()): Promise<void> {
  if (!events.length) return;
  try {
    await bus.publish(events);
  } catch (error) {
    console.error(
      `[events] could not publish ${events.length} event(s): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

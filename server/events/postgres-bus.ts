import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createListenerSet, type EventBus } from "./bus";
import type { BusEvent } from "./types";

export const EVENTS_CHANNEL = "deskgram_events";

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; larger batches are split.
const MAX_PAYLOAD_BYTES = 7900;

type Envelope = { events: BusEvent[] } | { ping: string };

export type PostgresBusOptions = {
  /** How often the bus checks, with a ping through NOTIFY, that its LISTEN connection still hears. */
  healthCheckMs?: number;
  log?: (line: string) => void;
};

export type PostgresBus = EventBus & {
  /** Unique per bus; also in the connections' application_name (deskgram-events-{id}). */
  readonly id: string;
  close(): Promise<void>;
};

/** Splits events into NOTIFY payloads under PostgreSQL's size limit. */
export function notifyPayloads(events: BusEvent[]): string[] {
  const payloads: string[] = [];
  let batch: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length) payloads.push(`{"events":[${batch.join(",")}]}`);
    batch = [];
    bytes = 0;
  };
  for (const event of events) {
    const json = JSON.stringify(event);
    const size = Buffer.byteLength(json) + 1;
    if (size > MAX_PAYLOAD_BYTES - 20) throw new Error(`Event ${event.type} is too large for NOTIFY (${size} bytes).`);
    if (bytes + size > MAX_PAYLOAD_BYTES - 20) flush();
    batch.push(json);
    bytes += size;
  }
  flush();
  return payloads;
}

function parseEnvelope(payload: string): Envelope | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== "object" || value === null) return null;
    if ("ping" in value && typeof value.ping === "string") return { ping: value.ping };
    if ("events" in value && Array.isArray(value.events)) {
      const events = value.events.filter(
        (e): e is BusEvent => typeof e === "object" && e !== null && typeof (e as { type?: unknown }).type === "string",
      );
      return { events };
    }
  } catch {
    // Someone else NOTIFYing on our channel: not ours to interpret.
  }
  return null;
}

/**
 * Cross-instance events through PostgreSQL: publish is `pg_notify`, and one dedicated connection per
 * instance LISTENs and fans out to the local subscribers. The publisher hears its own events through
 * LISTEN like every other instance, so each subscriber gets each event exactly once.
 *
 * postgres.js re-LISTENs by itself when the connection closes, but gives up silently if the database
 * is down at that moment, and a half-open TCP connection never closes at all; so a periodic ping
 * through NOTIFY checks the link end to end, and a fresh connection replaces one that stopped hearing.
 * Each time the link comes back, local subscribers get `bus.reconnected`, since events may have been missed.
 */
export async function createPostgresBus(databaseUrl: string, options: PostgresBusOptions = {}): Promise<PostgresBus> {
  const id = randomBytes(6).toString("hex");
  const healthCheckMs = options.healthCheckMs ?? 10_000;
  const log = options.log ?? ((line: string) => console.warn(line));
  const connectionOptions = { onnotice: () => {}, connection: { application_name: `deskgram-events-${id}` } };
  const listeners = createListenerSet(log);
  const publisher = postgres(databaseUrl, { max: 1, ...connectionOptions });

  let listener: postgres.Sql | null = null;
  let awaitedPing: string | null = null;
  let pingCount = 0;
  let linkDown = false;
  let reconnecting = false;
  let closed = false;

  function onNotification(payload: string) {
    const envelope = parseEnvelope(payload);
    if (!envelope) return;
    if ("ping" in envelope) {
      if (envelope.ping === awaitedPing) awaitedPing = null;
      return;
    }
    for (const event of envelope.events) listeners.emit(event);
  }

  async function listen(): Promise<void> {
    const client = postgres(databaseUrl, { max: 1, ...connectionOptions });
    let first = true;
    try {
      await client.listen(EVENTS_CHANNEL, onNotification, () => {
        // Called again after postgres.js re-LISTENed on a new connection by itself.
        if (!first) listeners.emit({ type: "bus.reconnected" });
        first = false;
      });
    } catch (error) {
      await client.end({ timeout: 0 }).catch(() => {});
      throw error;
    }
    if (closed) {
      await client.end({ timeout: 0 }).catch(() => {});
      return;
    }
    listener = client;
  }

  async function reconnect(): Promise<void> {
    const old = listener;
    listener = null;
    // The old connection goes first: two listening at once would deliver events twice.
    await old?.end({ timeout: 0 }).catch(() => {});
    try {
      await listen();
      linkDown = false;
      awaitedPing = null;
      log("[events] LISTEN connection re-established");
      listeners.emit({ type: "bus.reconnected" });
    } catch (error) {
      linkDown = true;
      log(
        `[events] could not LISTEN, retrying in ${healthCheckMs} ms: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  function checkHealth(): void {
    if (closed || reconnecting) return;
    if (linkDown || awaitedPing) {
      if (!linkDown) log("[events] the LISTEN connection stopped hearing; reconnecting");
      reconnecting = true;
      void reconnect().finally(() => (reconnecting = false));
      return;
    }
    awaitedPing = `${id}:${++pingCount}`;
    // Not awaited, so a hung connection cannot stall the checks; a ping never heard makes the next check reconnect.
    publisher`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ ping: awaitedPing })})`.catch(() => {});
  }

  try {
    await listen();
  } catch (error) {
    await publisher.end({ timeout: 0 }).catch(() => {});
    throw error;
  }
  // Events published in the same turn of the event loop (many webhooks at once) go out together:
  // one statement NOTIFYing every payload of the batch, one round trip instead of one per publish.
  let pending: BusEvent[] = [];
  let flushing: Promise<void> | null = null;
  async function sendBatch(batch: BusEvent[]): Promise<void> {
    const payloads = notifyPayloads(batch);
    await publisher`select pg_notify(${EVENTS_CHANNEL}, payload) from unnest(${payloads}::text[]) as payload`;
  }

  const timer = setInterval(checkHealth, healthCheckMs);
  timer.unref();

  return {
    id,
    publish(input) {
      const events = (Array.isArray(input) ? input : [input]).filter((e) => e.type !== "bus.reconnected");
      if (!events.length) return Promise.resolve();
      pending.push(...events);
      flushing ??= new Promise<void>((resolve, reject) => {
        setImmediate(() => {
          const batch = pending;
          pending = [];
          flushing = null;
          sendBatch(batch).then(resolve, reject);
        });
      });
      return flushing;
    },
    subscribe(fn) {
      return listeners.add(fn);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await Promise.all([listener?.end({ timeout: 1 }), publisher.end({ timeout: 1 })].map((p) => p?.catch(() => {})));
      listener = null;
    },
  };
}

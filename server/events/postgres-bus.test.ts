import postgres from "postgres";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createServer, connect, type Socket } from "node:net";
import { eventually } from "@/server/testing/eventually";
import { createPostgresBus, notifyPayloads, type PostgresBus, type PostgresBusOptions } from "./postgres-bus";
import type { BusEvent } from "./types";

const url = inject("testDatabaseUrl");
const open: PostgresBus[] = [];

async function bus({ url: target = url, ...options }: PostgresBusOptions & { url?: string } = {}) {
  const created = await createPostgresBus(target, { log: () => {}, ...options });
  open.push(created);
  return created;
}

function collect(target: PostgresBus) {
  const received: BusEvent[] = [];
  target.subscribe((e) => received.push(e));
  return received;
}

const event = (n: number): BusEvent => ({
  type: "message.created",
  workspaceId: "00000000-0000-4000-8000-000000000001",
  sessionId: "00000000-0000-4000-8000-000000000002",
  messageId: n,
});

const MARKER = event(999);

/**
 * Publishes MARKER and waits until every list has it. NOTIFY reaches each listener in commit order,
 * so whatever was published before (a duplicate included) has arrived by then: no need to sleep on it.
 */
async function settle(publisher: PostgresBus, ...lists: BusEvent[][]) {
  await publisher.publish(MARKER);
  await eventually(() => lists.every((list) => list.some((e) => e.type === "message.created" && e.messageId === 999)));
}

/** A TCP proxy in front of the test database that can drop every connection and refuse new ones, like an outage. */
async function databaseProxy() {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const proxied = new URL(url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(port);
  return {
    url: proxied.toString(),
    /** Drops every connection and stops listening: connecting fails with ECONNREFUSED. */
    async goDown() {
      sockets.forEach((s) => s.destroy());
      await closeServer();
    },
    comeBack: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    close: async () => {
      sockets.forEach((s) => s.destroy());
      if (server.listening) await closeServer();
    },
  };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

// LISTEN/NOTIFY does not pass through pglite-socket: the embedded mode uses the local bus instead.
describe.skipIf(inject("testDatabaseEmbedded"))("postgres event bus", () => {
  it("delivers an event published on one instance to both instances, exactly once each", async () => {
    const a = await bus();
    const b = await bus();
    const onA = collect(a);
    const onB = collect(b);
    await a.publish([event(1), event(2)]);
    await b.publish(event(3));
    await eventually(() => onA.length >= 3 && onB.length >= 3);
    await settle(a, onA, onB);
    expect(onA).toEqual([event(1), event(2), event(3), MARKER]);
    expect(onB).toEqual([event(1), event(2), event(3), MARKER]);
  });

  it("stops delivering to a listener after it unsubscribes, and keeps delivering to the others", async () => {
    const a = await bus();
    const first: BusEvent[] = [];
    const second: BusEvent[] = [];
    const off = a.subscribe((e) => first.push(e));
    a.subscribe((e) => second.push(e));
    off();
    await a.publish(event(7));
    await eventually(() => second.length === 1);
    expect(first).toEqual([]);
  });

  it("keeps delivering when a subscriber throws", async () => {
    const a = await bus();
    a.subscribe(() => {
      throw new Error("broken subscriber");
    });
    const received = collect(a);
    await a.publish([event(1), event(2)]);
    await eventually(() => received.length === 2);
  });

  it("listens again after its connection is killed, and tells subscribers to re-read", async () => {
    const a = await bus();
    const b = await bus();
    const onA = collect(a);
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const killed = await admin`select pg_terminate_backend(pid) as ok from pg_stat_activity
        where application_name = ${`deskgram-events-${a.id}`} and query ilike 'listen%'`;
      expect(killed.length).toBe(1);
      await eventually(() => onA.some((e) => e.type === "bus.reconnected"), 5_000);
      await b.publish(event(42));
      await eventually(() => onA.some((e) => e.type === "message.created"));
      expect(onA.filter((e) => e.type === "message.created")).toEqual([event(42)]);
    } finally {
      await admin.end();
    }
  });

  it("comes back by itself after the database was unreachable, even when postgres.js gave up re-listening", async () => {
    const proxy = await databaseProxy();
    try {
      const logged: string[] = [];
      const a = await bus({ url: proxy.url, healthCheckMs: 100, log: (line) => logged.push(line) });
      const publisher = await bus();
      const onA = collect(a);
      await proxy.goDown(); // postgres.js's own re-LISTEN is refused while the database is away
      // The bus noticed and its own LISTEN was refused too: from here only its retries can bring it back.
      await eventually(() => logged.some((line) => line.includes("could not LISTEN")), 5_000);
      await proxy.comeBack();
      await eventually(() => onA.some((e) => e.type === "bus.reconnected"), 5_000);
      await publisher.publish(event(5));
      await eventually(() => onA.some((e) => e.type === "message.created"));
      await settle(publisher, onA);
      expect(onA.filter((e) => e.type === "message.created")).toEqual([event(5), MARKER]);
    } finally {
      await Promise.all(open.splice(0).map((b) => b.close()));
      await proxy.close();
    }
  });
});

describe("notifyPayloads", () => {
  it("splits a large batch into payloads PostgreSQL accepts, keeping every event in order", () => {
    const events = Array.from({ length: 500 }, (_, i) => event(i));
    const payloads = notifyPayloads(events);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.every((p) => Buffer.byteLength(p) < 8000)).toBe(true);
    expect(payloads.flatMap((p) => (JSON.parse(p) as { events: BusEvent[] }).events)).toEqual(events);
  });
});

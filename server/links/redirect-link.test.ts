import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, database, type Database } from "@/db/client";
import { bots, links, projects } from "@/db/schema";
import { SOCKET_IP_HEADER, stampSocketIp } from "@/lib/client-ip";
import { kv, type Kv } from "@/lib/kv";
import { eventBus } from "@/server/events/bus";
import { expireTrial } from "@/server/projects/test-fixtures";
import { eventually } from "@/server/testing/eventually";
import { storable } from "./click-details";
import { announceLinksOf } from "./announce-link-changed";
import { ClickRecorder } from "./click-recorder";
import { redirectLink } from "./redirect-link";
import { linkCodeOf, serveLinkRedirect } from "./serve-link-redirect";
import { LinkResolver, linkKvKey, loadResolvedLinks } from "./resolve-link";
import { clicksOf, linkWorkspace, seedLink, type LinkWorkspace } from "./test-fixtures";

// Read once by env(): the visitor's IP comes from the first entry of this header when present.
process.env.TRUSTED_PROXY_HEADER = "x-forwarded-for";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const MINUTE = 60_000;

const backfilled: string[][] = [];
const recorder = new ClickRecorder({
  db: database,
  windowMinutes: () => 30,
  backfill: async (_tx, payloads) => {
    backfilled.push([...payloads]);
    return [];
  },
});

type Visit = { query?: string; headers?: Record<string, string>; at?: number };

/** One visit of /l/{code} through the handler, as the route calls it. */
async function visit(code: string, options: Visit = {}, deps: { recorder?: ClickRecorder; resolver?: LinkResolver } = {}) {
  const headers = new Headers({ "user-agent": CHROME, [SOCKET_IP_HEADER]: "198.51.100.2", ...options.headers });
  const request = new Request(`http://localhost/l/${encodeURIComponent(code)}${options.query ? `?${options.query}` : ""}`, {
    headers,
  });
  const deferred: Array<Promise<unknown>> = [];
  const response = await redirectLink(request, code, {
    recorder: deps.recorder ?? recorder,
    resolver: deps.resolver,
    defer: (task) => deferred.push(task),
    now: options.at === undefined ? undefined : () => options.at!,
  });
  await Promise.all(deferred);
  return response;
}

function payloadOf(response: Response): string {
  return new URL(response.headers.get("location")!).searchParams.get("start")!;
}

async function expectPlainNotFound(response: Response) {
  expect(response.status).toBe(404);
  expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(response.headers.get("location")).toBeNull();
  const body = await response.text();
  expect(body).toContain("Not found");
  expect(body).not.toMatch(/paused|expired|deleted|bot|plan/i);
}

let seed: LinkWorkspace;
beforeAll(async () => {
  seed = await linkWorkspace();
});

describe("GET /l/{code}: the redirect", () => {
  it("answers 302 to t.me/<the project's bot> with a new payload per click, never cached", async () => {
    const link = await seedLink(seed);
    const first = await visit(link.code);
    const second = await visit(link.code);
    for (const response of [first, second]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("location")).toMatch(
        new RegExp(`^https://t\\.me/${seed.bot.username}\\?start=[A-Za-z0-9_-]{22}$`),
      );
    }
    expect(payloadOf(first)).not.toBe(payloadOf(second));
    const clicks = await clicksOf(link.id);
    expect(clicks.map((c) => c.payload)).toEqual([payloadOf(first), payloadOf(second)]);
    expect(clicks[0]).toMatchObject({
      workspaceId: seed.workspaceId,
      projectId: seed.project.id,
      browser: "Chrome",
      os: "Windows",
    });
    expect(backfilled.flat()).toEqual(expect.arrayContaining(clicks.map((c) => c.payload)));
  });

  it("sends visitors only to the link's own bot, whatever the query says", async () => {
    const link = await seedLink(seed);
    const response = await visit(link.code, { query: "start=evil&redirect=https%3A%2F%2Fevil.example&url=//evil.example" });
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe("https://t.me");
    expect(location.pathname).toBe(`/${seed.bot.username}`);
    expect([...location.searchParams.keys()]).toEqual(["start"]);
    expect(location.searchParams.get("start")).not.toBe("evil");
  });

  it("query UTM values override the link's defaults; other parameters are kept", async () => {
    const link = await seedLink(seed, { utmSource: "newsletter", utmMedium: "email", utmTerm: "default-term" });
    const response = await visit(link.code, { query: "utm_source=instagram&utm_campaign=spring&utm_term=&ref=bio&utm_id=42" });
    const [click] = await clicksOf(link.id);
    expect(click).toMatchObject({
      payload: payloadOf(response),
      utmSource: "instagram",
      utmMedium: "email",
      utmCampaign: "spring",
      utmTerm: "default-term",
      utmContent: null,
      query: { ref: "bio", utm_id: "42" },
    });
  });

  it("keeps unicode, cuts oversized values, keeps at most 50 other parameters and drops NUL", async () => {
    const link = await seedLink(seed);
    const params = new URLSearchParams();
    params.set("name", "Zoë 🚀 日本語");
    params.set("long", "é".repeat(600));
    params.set("utm_campaign", "c".repeat(300));
    params.set("nul", "a\u0000b");
    for (let i = 0; i < 60; i++) params.set(`p${i}`, String(i));
    await visit(link.code, { query: params.toString() });
    const [click] = await clicksOf(link.id);
    expect(click!.query.name).toBe("Zoë 🚀 日本語");
    expect(click!.query.long).toBe("é".repeat(500));
    expect(click!.query.nul).toBe("ab");
    expect(click!.utmCampaign).toBe("c".repeat(200));
    expect(Object.keys(click!.query)).toHaveLength(50);
    // A cut between the halves of a surrogate pair, or a lone one, never reaches the database.
    expect(storable("ab🚀", 3)).toBe("ab");
    expect(storable("x\uD800y\uDC00z", 10)).toBe("xyz");
  });

  it("records the IP from the trusted proxy header, else the connection's address, and the referrer", async () => {
    const link = await seedLink(seed);
    await visit(link.code, {
      headers: { "x-forwarded-for": "203.0.113.7, 10.0.0.1", referer: "https://www.instagram.com/p/abc?x=1" },
    });
    await visit(link.code);
    const [proxied, direct] = await clicksOf(link.id);
    expect(proxied).toMatchObject({
      ip: "203.0.113.7",
      referrer: "https://www.instagram.com/p/abc?x=1",
      referrerHost: "www.instagram.com",
    });
    expect(direct).toMatchObject({ ip: "198.51.100.2", referrer: null, referrerHost: null });
  });

  it("answers a plain 404 for unknown, malformed, paused, expired and deleted codes", async () => {
    await expectPlainNotFound(await visit(`nope${Date.now()}`));
    await expectPlainNotFound(await visit("a/b"));
    await expectPlainNotFound(await visit("ab"));

    const paused = await seedLink(seed);
    expect((await visit(paused.code)).status).toBe(302); // cached as live first
    await seed.owner.links.setPaused({ ...seed.ws, linkId: paused.id, paused: true });
    await expectPlainNotFound(await visit(paused.code));
    await seed.owner.links.setPaused({ ...seed.ws, linkId: paused.id, paused: false });
    expect((await visit(paused.code)).status).toBe(302);

    const expiring = await seedLink(seed, { expiresAt: new Date(Date.now() + MINUTE) });
    expect((await visit(expiring.code)).status).toBe(302);
    await expectPlainNotFound(await visit(expiring.code, { at: Date.now() + 2 * MINUTE }));

    const deleted = await seedLink(seed);
    await seed.owner.links.delete({ ...seed.ws, linkId: deleted.id });
    await expectPlainNotFound(await visit(deleted.code));

    expect(await clicksOf(paused.id)).toHaveLength(2);
    expect(await clicksOf(deleted.id)).toHaveLength(0);
  });

  it("answers 404 when the plan has expired", async () => {
    const own = await linkWorkspace();
    const link = await seedLink(own);
    expect((await visit(link.code)).status).toBe(302);
    await expireTrial(own.workspaceId);
    await announceLinksOf(database(), { workspaceId: own.workspaceId });
    await expectPlainNotFound(await visit(link.code));
    expect(await clicksOf(link.id)).toHaveLength(1);
  });

  it("answers 404 when the project has no bot, or a username that is not a Telegram username", async () => {
    const own = await linkWorkspace();
    const link = await seedLink(own);
    expect((await visit(link.code)).status).toBe(302);
    const forget = () => announceLinksOf(database(), { projectId: own.project.id });
    for (const username of ["evil.example/x", "abc", "a".repeat(33), "bot?start=x#"]) {
      await database().update(bots).set({ username }).where(eq(bots.projectId, own.project.id));
      await forget();
      await expectPlainNotFound(await visit(link.code));
    }
    await database().delete(bots).where(eq(bots.projectId, own.project.id));
    await forget();
    await expectPlainNotFound(await visit(link.code));
    expect(await clicksOf(link.id)).toHaveLength(1);
  });

  it("answers 404 while the project is inactive or archived, through the projects router's announcement", async () => {
    const own = await linkWorkspace();
    const link = await seedLink(own);
    expect((await visit(link.code)).status).toBe(302);
    for (const status of ["inactive", "active"] as const) {
      await database().update(projects).set({ status }).where(eq(projects.id, own.project.id));
      await announceLinksOf(database(), { projectId: own.project.id });
      if (status === "inactive") await expectPlainNotFound(await visit(link.code));
      else expect((await visit(link.code)).status).toBe(302);
    }
    await database().update(projects).set({ archivedAt: new Date() }).where(eq(projects.id, own.project.id));
    await announceLinksOf(database(), { projectId: own.project.id });
    await expectPlainNotFound(await visit(link.code));
    expect(await clicksOf(link.id)).toHaveLength(2);
  });

  it("looks a link up in the KV once this process has forgotten it, and in the database only when the KV has nothing", async () => {
    const link = await seedLink(seed, { utmSource: "from-db" });
    const key = linkKvKey(link.code);
    // The app's KV, with its writes counted: a write is started before the visitor's answer, finished in the background.
    const writes: string[] = [];
    const store = new Proxy(kv(), {
      get(target, property, receiver) {
        if (property !== "set") return Reflect.get(target, property, receiver);
        return (...args: Parameters<Kv["set"]>) => {
          writes.push(args[0]);
          return target.set(...args);
        };
      },
    });
    const resolver = new LinkResolver({ db: database, kv: () => store, bus: eventBus });
    expect((await visit(link.code, {}, { resolver })).status).toBe(302);
    // Read from the database once: not worth a KV write yet.
    expect(writes).toEqual([]);
    resolver.forget(link.code);
    expect((await visit(link.code, {}, { resolver })).status).toBe(302);
    const cached = JSON.parse(await eventually(async () => (await kv().get(key)) ?? undefined)) as {
      id: string;
      utmSource: string;
    };
    expect(cached).toMatchObject({ id: link.id, utmSource: "from-db" });
    expect(writes).toEqual([key]);

    // A change made behind the caches' back shows only once both copies are gone.
    await database().update(links).set({ utmSource: "changed" }).where(eq(links.id, link.id));
    resolver.forget(link.code);
    await visit(link.code, {}, { resolver });
    resolver.forget(link.code);
    await kv().del(key);
    await visit(link.code, {}, { resolver });
    expect((await clicksOf(link.id)).map((c) => c.utmSource)).toEqual(["from-db", "from-db", "from-db", "changed"]);
  });
});

describe("the link lookup", () => {
  it("looks up misses of one moment together: one KV read and one query for all of them", async () => {
    const made = await Promise.all([seedLink(seed), seedLink(seed), seedLink(seed)]);
    const unknown = `unknown${Date.now()}`;
    let queries = 0;
    let kvReads = 0;
    const store = new Proxy(kv(), {
      get(target, property, receiver) {
        if (property === "mget" || property === "get") kvReads++;
        return Reflect.get(target, property, receiver);
      },
    });
    const load: typeof loadResolvedLinks = (db, codes) => {
      queries++;
      return loadResolvedLinks(db, codes);
    };
    const resolver = new LinkResolver({ db: database, kv: () => store, bus: eventBus, load });
    const codes = [...made.map((l) => l.code), unknown, made[0]!.code];
    const found = await Promise.all(codes.map((code) => resolver.resolve(code)));
    expect(found.map((l) => l?.id ?? null)).toEqual([...made.map((l) => l.id), null, made[0]!.id]);
    expect({ queries, kvReads }).toEqual({ queries: 1, kvReads: 1 });
    // Known now, also as unknown: nothing is asked again.
    await Promise.all(codes.map((code) => resolver.resolve(code)));
    expect({ queries, kvReads }).toEqual({ queries: 1, kvReads: 1 });
  });
});

describe("clicks: bots and unique visitors", () => {
  it("records crawlers and link previewers as bots, never unique", async () => {
    const link = await seedLink(seed);
    for (const ua of ["TelegramBot (like TwitterBot)", "facebookexternalhit/1.1", "curl/8.5.0", ""]) {
      expect((await visit(link.code, { headers: { "user-agent": ua } })).status).toBe(302);
    }
    await visit(link.code, { headers: { "user-agent": IPHONE } });
    const clicks = await clicksOf(link.id);
    expect(clicks.slice(0, 4).map((c) => [c.isBot, c.device, c.isUnique])).toEqual(Array(4).fill([true, "bot", false]));
    expect(clicks[4]).toMatchObject({ isBot: false, device: "mobile", os: "iOS", isUnique: true });
  });

  it("the same visitor counts once within the window, again after it; another browser or IP is another visitor", async () => {
    const link = await seedLink(seed);
    const t0 = Date.now();
    await visit(link.code, { at: t0 });
    await visit(link.code, { at: t0 + 10 * MINUTE });
    await visit(link.code, { at: t0 + 20 * MINUTE, headers: { "user-agent": IPHONE } });
    await visit(link.code, { at: t0 + 21 * MINUTE, headers: { "x-forwarded-for": "203.0.113.9" } });
    await visit(link.code, { at: t0 + 41 * MINUTE }); // 31 minutes after the last click of the first visitor
    const clicks = await clicksOf(link.id);
    expect(clicks.map((c) => c.isUnique)).toEqual([true, false, true, true, true]);
    expect(new Set(clicks.map((c) => c.visitorKey)).size).toBe(3);
  });

  it("counts a visitor once when their later click was stored first", async () => {
    const link = await seedLink(seed);
    const t0 = Date.now();
    await visit(link.code, { at: t0 + 5 * MINUTE });
    await visit(link.code, { at: t0 }); // stored second, though clicked first (another instance was slower)
    const clicks = await clicksOf(link.id);
    expect(clicks.filter((c) => c.isUnique)).toHaveLength(1);
  });

  it("counts a visitor once when two instances store their clicks at the same moment", async () => {
    // Two pools: two server instances, each with its own click queue; only PostgreSQL is shared.
    const pools = [createDatabase(process.env.DATABASE_URL!, { max: 2 }), createDatabase(process.env.DATABASE_URL!, { max: 2 })];
    try {
      const recorders = pools.map((pool) => new ClickRecorder({ db: () => pool.db, windowMinutes: () => 30 }));
      const seeded = await Promise.all(Array.from({ length: 12 }, () => seedLink(seed)));
      const t0 = Date.now();
      await Promise.all(seeded.flatMap((link) => recorders.map((recorder, i) => visit(link.code, { at: t0 + i }, { recorder }))));
      for (const link of seeded) {
        const clicks = await clicksOf(link.id);
        expect(clicks).toHaveLength(2);
        expect(clicks.filter((c) => c.isUnique)).toHaveLength(1);
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.sql.end()));
    }
  });

  it("decides uniqueness inside one batch too", async () => {
    const link = await seedLink(seed);
    const own = new ClickRecorder({ db: database, windowMinutes: () => 30 });
    const deferred: Array<Promise<unknown>> = [];
    // Three clicks queued before the batch is written: only the first is unique.
    for (let i = 0; i < 3; i++) {
      const request = new Request(`http://localhost/l/${link.code}`, {
        headers: { "user-agent": CHROME, [SOCKET_IP_HEADER]: "192.0.2.1" },
      });
      await redirectLink(request, link.code, { recorder: own, defer: (t) => deferred.push(t), now: () => Date.now() + i });
    }
    expect(own.waiting).toBe(3);
    await Promise.all(deferred);
    expect((await clicksOf(link.id)).map((c) => c.isUnique)).toEqual([true, false, false]);
  });
});

describe("clicks: stored exactly once", () => {
  it("retries after the database fails, without storing a click twice when a failed attempt had committed", async () => {
    const link = await seedLink(seed);
    let attempts = 0;
    // First attempt: refused before anything is written; second: written, then the connection "drops".
    const flaky = new Proxy(database(), {
      get(target, property, receiver) {
        if (property !== "transaction") return Reflect.get(target, property, receiver);
        return async (run: Parameters<Database["transaction"]>[0]) => {
          attempts++;
          if (attempts === 1) throw Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" });
          const result = await target.transaction(run);
          if (attempts === 2) throw Object.assign(new Error("connection reset"), { code: "ECONNRESET" });
          return result;
        };
      },
    });
    const logs: string[] = [];
    const own = new ClickRecorder({ db: () => flaky, windowMinutes: () => 30, retryDelayMs: () => 5, log: (l) => logs.push(l) });
    const response = await visit(link.code, {}, { recorder: own });
    expect(response.status).toBe(302);
    expect(attempts).toBe(3);
    expect((await clicksOf(link.id)).map((c) => c.payload)).toEqual([payloadOf(response)]);
    expect(logs).toHaveLength(2);
  });

  describe("through the Node server's adapter", () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      // The Node server's own adapter, as `npm start` runs it (server/links/serve-link-redirect.ts).
      server = createServer((req: IncomingMessage, res) => {
        stampSocketIp(req);
        const code = linkCodeOf(req);
        if (code === null) return void res.writeHead(418).end();
        void serveLinkRedirect(req, res, code, { recorder });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("answers HEAD like GET without a body, and sends the security headers with the redirect and the 404", async () => {
      const link = await seedLink(seed);
      const head = await fetch(`http://127.0.0.1:${port}/l/${link.code}?utm_source=head`, { method: "HEAD", redirect: "manual" });
      expect(head.status).toBe(302);
      expect(head.headers.get("location")).toMatch(new RegExp(`^https://t\\.me/${seed.bot.username}\\?start=`));
      expect(head.headers.get("x-content-type-options")).toBe("nosniff");
      expect(head.headers.get("x-frame-options")).toBe("DENY");
      const missing = await fetch(`http://127.0.0.1:${port}/l/no-such-code`, { redirect: "manual" });
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-content-type-options")).toBe("nosniff");
      await expectPlainNotFound(missing);
      await recorder.flushed();
      expect((await clicksOf(link.id)).map((c) => c.utmSource)).toEqual(["head"]);
    });

    it("the click is still recorded, once, when the client disconnects right after the redirect", async () => {
      const link = await seedLink(seed);
      const statusLine = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(`GET /l/${link.code}?utm_source=gone HTTP/1.1\r\nHost: localhost\r\nUser-Agent: ${CHROME}\r\n\r\n`);
        });
        let received = "";
        socket.on("data", (chunk) => {
          received += chunk.toString("latin1");
          const end = received.indexOf("\r\n");
          if (end >= 0) {
            socket.destroy(); // gone as soon as the status line arrived
            resolve(received.slice(0, end));
          }
        });
        socket.on("error", reject);
      });
      expect(statusLine).toBe("HTTP/1.1 302 Found");
      await recorder.flushed();
      const clicks = await clicksOf(link.id);
      expect(clicks).toHaveLength(1);
      expect(clicks[0]).toMatchObject({ utmSource: "gone", ip: "127.0.0.1" });
    });
  });
});

/**
 * `npm run bench:links`: the production build against real PostgreSQL and Redis. 10,000 diversion
 * links; 32 connections hit random codes with UTM parameters on GET /l/{code}; the same load hits
 * the empty Next.js route handler in the same run as the baseline. Afterwards every redirect must
 * have stored its click exactly once — including visitors who hang up as soon as they see the status line.
 *
 * The KV is served the way Upstash would be: by the Upstash-compatible bridge in a process of its
 * own (BENCH_KV=in-process runs it inside the server instead, as `npm start` does with only REDIS_URL).
 *
 * DATABASE_URL / REDIS_URL default to the local servers; BENCH_LINKS, BENCH_REQUESTS and
 * BENCH_CONNECTIONS adjust the load; BENCH_NODE_ARGS adds flags to the server's Node (e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof"). Figures are printed, never asserted: timing never fails CI.
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { connect } from "node:net";
import postgres from "postgres";
import { createTestDatabase } from "@/db/test-database";
import { encryptSecret, randomSecret, sha256Hex } from "@/lib/crypto/secret-box";
import { decodeKey } from "@/lib/env";
import { generateLinkCode } from "@/server/links/link-code";

const BASE_DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const LINKS = Number(process.env.BENCH_LINKS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const HANG_UPS = 200;
const WARMUP = 1_000;
const PORT = process.env.BENCH_PORT ?? "3201";
const KV_PORT = String(Number(PORT) + 1);
const SEPARATE_KV = process.env.BENCH_KV !== "in-process";
const ORIGIN = `http://127.0.0.1:${PORT}`;
const BOT_USERNAME = "bench_links_bot";
const LOCATION = new RegExp(`^https://t\\.me/${BOT_USERNAME}\\?start=([A-Za-z0-9_-]{1,64})$`);

const AGENTS = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "TelegramBot (like TwitterBot)",
];
const SOURCES = ["instagram", "facebook", "tiktok", "newsletter", "google"];

type Figures = {
  label: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  unexpected: number;
  errors: number;
};

function randomPath(codes: string[]): string {
  const code = codes[randomInt(codes.length)]!;
  const source = SOURCES[randomInt(SOURCES.length)]!;
  return `/l/${code}?utm_source=${source}&utm_medium=cpc&utm_campaign=spring-${randomInt(10)}&gclid=${randomBytes(6).toString("hex")}`;
}

/** One autocannon run of GETs; `path()` gives each request's path, `onLocation` hears every Location header. */
async function load(
  label: string,
  expected: number,
  amount: number,
  path: () => string,
  onLocation?: (location: string) => void,
) {
  const result = await autocannon({
    url: ORIGIN,
    connections: CONNECTIONS,
    amount,
    timeout: 30,
    requests: [
      {
        method: "GET",
        setupRequest(request) {
          return {
            ...request,
            path: path(),
            headers: { "user-agent": AGENTS[randomInt(AGENTS.length)]!, referer: "https://l.instagram.com/" },
          };
        },
        onResponse(_status, _body, _context, headers) {
          const location = (headers as Record<string, string | undefined>).location;
          if (location && onLocation) onLocation(location);
        },
      },
    ],
  });
  const answered = expected === 302 ? result["3xx"] : result["2xx"];
  const figures: Figures = {
    label,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    unexpected: result.requests.total - answered,
    errors: result.errors + result.timeouts,
  };
  return figures;
}

/** A visitor who reads the status line of the redirect and hangs up at once. */
function hangUp(path: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(PORT), "127.0.0.1", () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: ${AGENTS[0]}\r\n\r\n`);
    });
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const headersEnd = received.indexOf("\r\n\r\n");
      if (!received.includes("\r\n")) return;
      if (!received.startsWith("HTTP/1.1 302")) {
        socket.destroy();
        return resolve(null);
      }
      if (headersEnd < 0) return;
      socket.destroy();
      resolve(/\r\nlocation: ([^\r]+)/i.exec(received)?.[1] ?? null);
    });
    socket.on("error", reject);
  });
}

async function waitForHealth(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${ORIGIN}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The server did not become healthy in time.");
}

async function seed(sql: postgres.Sql, key: Buffer): Promise<string[]> {
  const [workspace] = await sql`insert into workspaces (name, slug, trial_ends_at)
    values ('Bench links', ${`bench-links-${randomBytes(4).toString("hex")}`}, now() + interval '3 days') returning id`;
  const [project] = await sql`insert into projects (workspace_id, name, status)
    values (${workspace!.id}, 'Bench bot', 'active') returning id`;
  const telegramId = 7_100_000_001;
  await sql`insert into bots (workspace_id, project_id, telegram_id, username, first_name, token_ciphertext, webhook_secret_hash)
    values (${workspace!.id}, ${project!.id}, ${telegramId}, ${BOT_USERNAME}, 'Bench',
      ${encryptSecret(`${telegramId}:${randomSecret(26)}`, key)}, ${sha256Hex(randomSecret())})`;
  const codes = new Set<string>();
  while (codes.size < LINKS) codes.add(generateLinkCode());
  const all = [...codes];
  for (let i = 0; i < all.length; i += 1_000) {
    const rows = all.slice(i, i + 1_000).map((code, j) => ({
      workspace_id: workspace!.id as string,
      project_id: project!.id as string,
      code,
      name: `Link ${i + j}`,
      utm_source: "default-source",
      utm_medium: "default-medium",
    }));
    await sql`insert into links ${sql(rows)}`;
  }
  return all;
}

function table(rows: Figures[]) {
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `\n${pad("route", 34)}${pad("requests", 10)}${pad("req/s", 10)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}unexpected/errors`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.label, 34)}${pad(String(r.requests), 10)}${pad(r.perSecond.toFixed(0), 10)}${pad(String(r.p50), 9)}${pad(String(r.p99), 9)}${r.unexpected}/${r.errors}`,
    );
  }
}

async function main() {
  const database = await createTestDatabase(BASE_DATABASE_URL, "deskgram_bench");
  const keyText = randomBytes(32).toString("hex");
  const key = decodeKey(keyText)!;
  console.log(`Bench database ${database.name}; ${LINKS} links, ${REQUESTS} requests over ${CONNECTIONS} connections`);

  const kvToken = randomBytes(24).toString("base64url");
  const bridge = SEPARATE_KV
    ? spawn(process.execPath, ["--import", "tsx", "lib/kv/bridge-cli.ts"], {
        env: { ...process.env, REDIS_URL, KV_BRIDGE_TOKEN: kvToken, KV_BRIDGE_PORT: KV_PORT },
        stdio: ["ignore", "inherit", "inherit"],
      })
    : null;
  const upstash = SEPARATE_KV ? { UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${KV_PORT}`, UPSTASH_REDIS_REST_TOKEN: kvToken } : {};
  console.log(`KV: ${SEPARATE_KV ? "Upstash REST bridge in its own process" : "bridge inside the server process"}`);

  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/runtime/serve.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT,
      HOST: "127.0.0.1",
      APP_URL: ORIGIN,
      DATABASE_URL: database.url,
      REDIS_URL,
      ...upstash,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEY: keyText,
      KV_PREFIX: `bench-${randomBytes(3).toString("hex")}`,
      TELEGRAM_SANDBOX: "false",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9", // nothing is sent in this run
      DESKGRAM_BENCH: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  try {
    await waitForHealth(600_000); // includes the production build when it is stale
    await migrated(sql);
    const codes = await seed(sql, key);
    const payloads: string[] = [];
    const malformed: string[] = [];
    const collect = (location: string) => {
      const payload = LOCATION.exec(location)?.[1];
      if (payload) payloads.push(payload);
      else malformed.push(location);
    };

    // Warm both routes up (JIT, pools, prepared statements), then measure each in turn.
    await load("warm-up empty", 200, WARMUP, () => "/api/bench/empty");
    await load("warm-up links", 302, WARMUP, () => randomPath(codes), collect);
    const baseline = await load("empty Next.js route handler", 200, REQUESTS, () => "/api/bench/empty");
    const measured = await load("GET /l/{code} (302)", 302, REQUESTS, () => randomPath(codes), collect);
    // For reading only: the same load again, now that most codes are in the caches.
    const again = await load("GET /l/{code}, second pass", 302, REQUESTS, () => randomPath(codes), collect);
    table([baseline, measured, again]);
    console.log(
      `\nthroughput ratio links/empty: ${(measured.perSecond / baseline.perSecond).toFixed(2)} (target ≥ 0.8); ` +
        `links p99 ${measured.p99} ms (target < 50 ms)`,
    );

    // Visitors who hang up as soon as they have the redirect: their clicks must be stored too.
    for (let i = 0; i < HANG_UPS; i += 20) {
      const locations = await Promise.all(Array.from({ length: 20 }, () => hangUp(randomPath(codes))));
      for (const location of locations) if (location) collect(location);
    }

    // Exactly once: every Location's payload is stored once, and nothing else is.
    const expected = new Set(payloads);
    let stored = 0;
    for (let waited = 0; waited < 30_000; waited += 250) {
      [{ stored }] = (await sql`select count(*)::int as stored from link_clicks`) as unknown as [{ stored: number }];
      if (stored >= payloads.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const storedPayloads = new Set((await sql`select payload from link_clicks`).map((row) => row.payload as string));
    const lost = [...expected].filter((p) => !storedPayloads.has(p)).length;
    const unexpected = [...storedPayloads].filter((p) => !expected.has(p)).length;
    const [{ unique, bots }] = (await sql`select count(*) filter (where is_unique)::int as unique,
      count(*) filter (where is_bot)::int as bots from link_clicks`) as unknown as [{ unique: number; bots: number }];
    console.log(
      `\nverification: ${payloads.length} redirects (${HANG_UPS} of them to visitors who hung up at once), ` +
        `${expected.size} distinct payloads; stored ${stored} clicks (${unique} unique, ${bots} bots)`,
    );
    console.log(
      `lost: ${lost}   stored twice or unknown: ${stored - storedPayloads.size + unexpected}   repeated payloads: ${payloads.length - expected.size}   ` +
        `bad Location: ${malformed.length}   failed requests: ${measured.unexpected + measured.errors}`,
    );
    if (lost || unexpected || stored !== payloads.length || malformed.length || expected.size !== payloads.length)
      process.exitCode = 1;
  } finally {
    await sql.end();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    bridge?.kill("SIGTERM");
    await database.drop();
  }
}

/** The server applies migrations on start; wait until the tables exist. */
async function migrated(sql: postgres.Sql) {
  for (let i = 0; i < 60; i++) {
    const [row] = await sql`select to_regclass('public.link_clicks') is not null as ready`;
    if (row!.ready) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("Migrations did not run.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm run bench:links`: the production build against real PostgreSQL and Redis. 10,000 diversion
 * links; 32 connections hit random codes with UTM parameters on GET /l/{code}; the same load hits
 * the empty Next.js route handler in the same run as the baseline. Afterwards every redirect must
 * have stored its click exactly once — including visitors who hang up as soon as they see the status line.
 * Under `npm start` (as here) the Node server answers link visits itself, before Next.js's router
 * (server/links/serve-link-redirect.ts); the baseline still goes through Next.js.
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
import { generateLinkCode } from "@/server/links/link-code";
import {
  CONNECTIONS,
  REDIS_URL,
  WARMUP,
  figuresOf,
  printTable,
  seedBotWorkspace,
  startBenchServer,
  type BenchServer,
} from "./http-harness";

const LINKS = Number(process.env.BENCH_LINKS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const HANG_UPS = 200;
const PORT = process.env.BENCH_PORT ?? "3201";
const KV_PORT = String(Number(PORT) + 1);
const SEPARATE_KV = process.env.BENCH_KV !== "in-process";
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

function randomPath(codes: string[]): string {
  const code = codes[randomInt(codes.length)]!;
  const source = SOURCES[randomInt(SOURCES.length)]!;
  return `/l/${code}?utm_source=${source}&utm_medium=cpc&utm_campaign=spring-${randomInt(10)}&gclid=${randomBytes(6).toString("hex")}`;
}

/** One autocannon run of GETs; `path()` gives each request's path, `onLocation` hears every Location header. */
async function load(
  origin: string,
  label: string,
  expected: number,
  amount: number,
  path: () => string,
  onLocation?: (location: string) => void,
) {
  const result = await autocannon({
    url: origin,
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
  return figuresOf(label, result, expected === 302 ? result["3xx"] : result["2xx"]);
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

async function seed(bench: BenchServer): Promise<string[]> {
  const { workspaceId, projectId } = await seedBotWorkspace(bench, { telegramId: 7_100_000_001, username: BOT_USERNAME });
  const codes = new Set<string>();
  while (codes.size < LINKS) codes.add(generateLinkCode());
  const all = [...codes];
  for (let i = 0; i < all.length; i += 1_000) {
    const rows = all.slice(i, i + 1_000).map((code, j) => ({
      workspace_id: workspaceId,
      project_id: projectId,
      code,
      name: `Link ${i + j}`,
      utm_source: "default-source",
      utm_medium: "default-medium",
    }));
    await bench.sql`insert into links ${bench.sql(rows)}`;
  }
  return all;
}

async function main() {
  console.log(`${LINKS} links, ${REQUESTS} requests over ${CONNECTIONS} connections`);
  const kvToken = randomBytes(24).toString("base64url");
  const bridge = SEPARATE_KV
    ? spawn(process.execPath, ["--import", "tsx", "lib/kv/bridge-cli.ts"], {
        env: { ...process.env, REDIS_URL, KV_BRIDGE_TOKEN: kvToken, KV_BRIDGE_PORT: KV_PORT },
        stdio: ["ignore", "inherit", "inherit"],
      })
    : null;
  const upstash: Record<string, string> = SEPARATE_KV
    ? { UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${KV_PORT}`, UPSTASH_REDIS_REST_TOKEN: kvToken }
    : {};
  console.log(`KV: ${SEPARATE_KV ? "Upstash REST bridge in its own process" : "bridge inside the server process"}`);
  let bench: BenchServer | null = null;
  try {
    bench = await startBenchServer({ port: PORT, env: upstash });
    const { origin, sql } = bench;
    const codes = await seed(bench);
    const payloads: string[] = [];
    const malformed: string[] = [];
    const collect = (location: string) => {
      const payload = LOCATION.exec(location)?.[1];
      if (payload) payloads.push(payload);
      else malformed.push(location);
    };

    // Warm both routes up (JIT, pools, prepared statements), then measure each in turn.
    await load(origin, "warm-up empty", 200, WARMUP, () => "/api/bench/empty");
    await load(origin, "warm-up links", 302, WARMUP, () => randomPath(codes), collect);
    const baseline = await load(origin, "empty Next.js route handler", 200, REQUESTS, () => "/api/bench/empty");
    const measured = await load(origin, "GET /l/{code} (302, Node server)", 302, REQUESTS, () => randomPath(codes), collect);
    // For reading only: the same load again, now that most codes are in the caches.
    const again = await load(origin, "GET /l/{code}, second pass", 302, REQUESTS, () => randomPath(codes), collect);
    printTable([baseline, measured, again], "unexpected");
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
    await bench?.stop();
    bridge?.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm run bench:webhook`: the production build against real PostgreSQL and Redis. N distinct
 * customers send updates over 32 connections to POST /api/telegram/{botId}; the same load hits an
 * empty Next.js route handler in the same run as the baseline. Afterwards every update must be
 * stored exactly once, and re-delivering a sample must change nothing.
 *
 * DATABASE_URL / REDIS_URL default to the local servers; BENCH_UPDATES, BENCH_CUSTOMERS and
 * BENCH_CONNECTIONS adjust the load; BENCH_NODE_ARGS adds flags to the server's Node. Figures are printed, never asserted: timing never fails CI.
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createTestDatabase } from "@/db/test-database";
import { encryptSecret, randomSecret, sha256Hex } from "@/lib/crypto/secret-box";
import { decodeKey } from "@/lib/env";

const BASE_DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const UPDATES = Number(process.env.BENCH_UPDATES ?? 20_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 2_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP = 1_000;
const PORT = process.env.BENCH_PORT ?? "3200";
const ORIGIN = `http://127.0.0.1:${PORT}`;
const BOT_TELEGRAM_ID = 7_000_000_001;

type Figures = { label: string; requests: number; perSecond: number; p50: number; p99: number; non2xx: number; errors: number };

function textUpdate(updateId: number, customer: number, messageId: number) {
  const userId = 500_000_000 + customer;
  return {
    update_id: updateId,
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      from: {
        id: userId,
        is_bot: false,
        first_name: `Customer ${customer}`,
        username: `customer_${customer}`,
        language_code: "en",
      },
      chat: { id: userId, type: "private", first_name: `Customer ${customer}` },
      text: `Hello, I need help with order #${updateId}. It has not arrived yet.`,
    },
  };
}

/** One autocannon run: `amount` requests, each body from `body(i)`. */
async function load(label: string, url: string, amount: number, headers: Record<string, string>, body: (i: number) => unknown) {
  let next = 0;
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    amount,
    timeout: 30,
    headers: { "content-type": "application/json", ...headers },
    requests: [
      {
        setupRequest(request) {
          return { ...request, body: JSON.stringify(body(next++)) };
        },
      },
    ],
  });
  const figures: Figures = {
    label,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  return figures;
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

async function seed(sql: postgres.Sql, key: Buffer) {
  const secret = randomSecret();
  const [workspace] = await sql`insert into workspaces (name, slug, trial_ends_at)
    values ('Bench', ${`bench-${randomBytes(4).toString("hex")}`}, now() + interval '3 days') returning id`;
  const [project] = await sql`insert into projects (workspace_id, name, status)
    values (${workspace!.id}, 'Bench bot', 'active') returning id`;
  const token = `${BOT_TELEGRAM_ID}:${randomSecret(26)}`;
  const [bot] =
    await sql`insert into bots (workspace_id, project_id, telegram_id, username, first_name, token_ciphertext, webhook_secret_hash)
    values (${workspace!.id}, ${project!.id}, ${BOT_TELEGRAM_ID}, 'bench_bot', 'Bench', ${encryptSecret(token, key)}, ${sha256Hex(secret)})
    returning id`;
  return { botId: bot!.id as string, secret };
}

function table(rows: Figures[]) {
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `\n${pad("route", 34)}${pad("requests", 10)}${pad("req/s", 10)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}non-2xx/errors`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.label, 34)}${pad(String(r.requests), 10)}${pad(r.perSecond.toFixed(0), 10)}${pad(String(r.p50), 9)}${pad(String(r.p99), 9)}${r.non2xx}/${r.errors}`,
    );
  }
}

async function main() {
  const database = await createTestDatabase(BASE_DATABASE_URL, "deskgram_bench");
  const keyText = randomBytes(32).toString("hex");
  const key = decodeKey(keyText)!;
  console.log(`Bench database ${database.name}; ${UPDATES} updates from ${CUSTOMERS} customers over ${CONNECTIONS} connections`);

  // BENCH_NODE_ARGS passes flags to the server's Node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
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
    const { botId, secret } = await seed(sql, key);
    const webhook = `${ORIGIN}/api/telegram/${botId}`;
    const empty = `${ORIGIN}/api/bench/empty`;
    const headers = { "x-telegram-bot-api-secret-token": secret };
    const messageIds = new Map<number, number>();
    const nextMessageId = (customer: number) => {
      const id = (messageIds.get(customer) ?? 0) + 1;
      messageIds.set(customer, id);
      return id;
    };
    let updateId = 1;
    const webhookBody = () => {
      const id = updateId++;
      const customer = id % CUSTOMERS;
      return textUpdate(id, customer, nextMessageId(customer));
    };

    // Warm both routes up (JIT, connection pools, caches), then measure each in turn.
    await load("warm-up empty", empty, WARMUP, {}, (i) => textUpdate(i, i % CUSTOMERS, 1));
    await load("warm-up webhook", webhook, WARMUP, headers, webhookBody);
    const baseline = await load("empty Next.js route handler", empty, UPDATES, {}, (i) => textUpdate(i, i % CUSTOMERS, 1));
    const measured = await load("POST /api/telegram/{botId}", webhook, UPDATES, headers, webhookBody);
    table([baseline, measured]);
    console.log(
      `\nthroughput ratio webhook/empty: ${(measured.perSecond / baseline.perSecond).toFixed(2)} (target ≥ 0.6); webhook p99 ${measured.p99} ms (target < 100 ms)`,
    );

    // Exactly once: every update answered 200 is stored once; re-delivering a sample changes nothing.
    const sent = updateId - 1;
    const sample = Array.from({ length: 500 }, (_, i) => 1 + Math.floor((i * sent) / 500));
    const replay = await load("re-delivered duplicates", webhook, sample.length, headers, (i) => {
      const id = sample[i % sample.length]!;
      return textUpdate(id, id % CUSTOMERS, 0);
    });
    const [counts] = await sql`select
        (select count(*)::int from telegram_updates where bot_telegram_id = ${BOT_TELEGRAM_ID}) as updates,
        (select count(*)::int from messages where author = 'customer') as messages,
        (select count(*)::int from (select chat_id, telegram_message_id from messages where author = 'customer'
           group by 1, 2 having count(*) > 1) d) as duplicated,
        (select count(*)::int from contacts) as contacts,
        (select count(*)::int from sessions) as sessions`;
    const lost = sent - counts!.messages;
    console.log(
      `\nverification: sent ${sent} distinct updates (+${replay.requests} duplicates, ${replay.non2xx} non-2xx); stored ${counts!.updates} updates, ${counts!.messages} messages, ${counts!.contacts} contacts, ${counts!.sessions} sessions`,
    );
    console.log(
      `lost: ${lost}   stored twice: ${counts!.duplicated + Math.max(0, counts!.messages - sent)}   failed requests: ${measured.non2xx + measured.errors}`,
    );
    if (lost !== 0 || counts!.duplicated !== 0 || counts!.updates !== sent) process.exitCode = 1;
  } finally {
    await sql.end();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await database.drop();
  }
}

/** The server applies migrations on start; wait until the tables exist. */
async function migrated(sql: postgres.Sql) {
  for (let i = 0; i < 60; i++) {
    const [row] = await sql`select to_regclass('public.bots') is not null as ready`;
    if (row!.ready) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("Migrations did not run.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

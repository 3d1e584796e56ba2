/**
 * What the HTTP benchmarks (bench:webhook, bench:links) share: a production server of its own on a
 * database of its own, a workspace with a bot to aim at, and the figures table. Figures are printed,
 * never asserted: timing never fails CI.
 */
import type autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createTestDatabase } from "@/db/test-database";
import { encryptSecret, randomSecret, sha256Hex } from "@/lib/crypto/secret-box";
import { decodeKey } from "@/lib/env";

export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
export const WARMUP = 1_000;

export type Figures = {
  label: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Answered, but not with the status the route should give. */
  unexpected: number;
  errors: number;
};

export function figuresOf(label: string, result: autocannon.Result, answered: number): Figures {
  return {
    label,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    unexpected: result.requests.total - answered,
    errors: result.errors + result.timeouts,
  };
}

export function printTable(rows: Figures[], unexpectedColumn: string) {
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `\n${pad("route", 34)}${pad("requests", 10)}${pad("req/s", 10)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${unexpectedColumn}/errors`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.label, 34)}${pad(String(r.requests), 10)}${pad(r.perSecond.toFixed(0), 10)}${pad(String(r.p50), 9)}${pad(String(r.p99), 9)}${r.unexpected}/${r.errors}`,
    );
  }
}

export type BenchServer = {
  origin: string;
  port: number;
  /** A small pool on the bench's database, for seeding and verifying. */
  sql: postgres.Sql;
  encryptionKey: Buffer;
  stop(): Promise<void>;
};

/**
 * `server/runtime/serve.ts` in production mode (built first when the build is stale) on a new
 * database, with the empty route handler switched on. Resolves once it is healthy and migrated.
 * BENCH_NODE_ARGS adds flags to its Node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
export async function startBenchServer(options: { port: string; env?: Record<string, string> }): Promise<BenchServer> {
  const database = await createTestDatabase(BASE_DATABASE_URL, "deskgram_bench");
  const keyText = randomBytes(32).toString("hex");
  const origin = `http://127.0.0.1:${options.port}`;
  console.log(`Bench database ${database.name}`);
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/runtime/serve.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: options.port,
      HOST: "127.0.0.1",
      APP_URL: origin,
      DATABASE_URL: database.url,
      REDIS_URL,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEY: keyText,
      KV_PREFIX: `bench-${randomBytes(3).toString("hex")}`,
      TELEGRAM_SANDBOX: "false",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9", // nothing is sent in a bench
      DESKGRAM_BENCH: "1",
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const stop = async () => {
    await sql.end();
    server.kill("SIGTERM");
    await exited;
    await database.drop();
  };
  try {
    await waitForHealth(origin, 600_000); // includes the production build when it is stale
    await waitForMigrations(sql);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, port: Number(options.port), sql, encryptionKey: decodeKey(keyText)!, stop };
}

async function waitForHealth(origin: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The server did not become healthy in time.");
}

/** The server applies migrations on start; wait until the last tables exist. */
async function waitForMigrations(sql: postgres.Sql) {
  for (let i = 0; i < 60; i++) {
    const [row] =
      await sql`select to_regclass('public.link_clicks') is not null and to_regclass('public.bots') is not null as ready`;
    if (row!.ready) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("Migrations did not run.");
}

/** A workspace on Trial with one active project and its connected bot; the webhook secret is returned in clear. */
export async function seedBotWorkspace(bench: BenchServer, bot: { telegramId: number; username: string }) {
  const { sql } = bench;
  const secret = randomSecret();
  const [workspace] = await sql`insert into workspaces (name, slug, trial_ends_at)
    values ('Bench', ${`bench-${randomBytes(4).toString("hex")}`}, now() + interval '3 days') returning id`;
  const [project] = await sql`insert into projects (workspace_id, name, status)
    values (${workspace!.id}, 'Bench bot', 'active') returning id`;
  const token = `${bot.telegramId}:${randomSecret(26)}`;
  const [row] =
    await sql`insert into bots (workspace_id, project_id, telegram_id, username, first_name, token_ciphertext, webhook_secret_hash)
    values (${workspace!.id}, ${project!.id}, ${bot.telegramId}, ${bot.username}, 'Bench',
      ${encryptSecret(token, bench.encryptionKey)}, ${sha256Hex(secret)})
    returning id`;
  return { workspaceId: workspace!.id as string, projectId: project!.id as string, botId: row!.id as string, secret };
}

/**
 * `npm run bench:routing`: the routing engine against real PostgreSQL, in its own database (created
 * and dropped here). For 50 and 500 agents × 1,000 and 10,000 waiting sessions it measures:
 * - drain: every agent has room and one wake-up assigns the whole queue (batches of DRAIN_BATCH per
 *   transaction); a decision's latency is its batch's transaction, from start to commit;
 * - one by one: every agent is full, then one session closes and a wake-up assigns the head of the
 *   queue (lock, state, decision, writes, and the queue positions that moved up announced), repeated;
 * - baseline: a plain single-row `UPDATE sessions … RETURNING` on the same table, one after another.
 *
 * DATABASE_URL defaults to the local server; BENCH_ONE_BY_ONE sets how many one-by-one decisions are
 * timed per case (default 300). Figures are printed, never asserted: timing never fails CI.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createDatabase, type Database } from "@/db/client";
import { createTestDatabase } from "@/db/test-database";
import { drainStep } from "@/server/routing/drain-queue";
import { wakeRouting } from "@/server/routing/wake";

const BASE_DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ONE_BY_ONE = Number(process.env.BENCH_ONE_BY_ONE ?? 300);
const CASES: [agents: number, waiting: number][] = [
  [50, 1_000],
  [50, 10_000],
  [500, 1_000],
  [500, 10_000],
];

type Figures = { decisions: number; perSecond: number; p50: number; p99: number };

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function figures(latencies: number[], totalMs: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    decisions: latencies.length,
    perSecond: (latencies.length / totalMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/** A workspace on a live trial, one active project, `agents` Available agents with capacity `capacity`. */
async function seedWorkspace(db: Database, agents: number, capacity: number) {
  const [row] = await db.execute<{ workspace_id: string; project_id: string }>(sql`
    with w as (
      insert into workspaces (name, slug, trial_ends_at)
      values ('Routing bench', ${`routing-bench-${randomBytes(4).toString("hex")}`}, now() + interval '3 days')
      returning id
    ),
    p as (
      insert into projects (workspace_id, name, status) select id, 'Routing bench', 'active' from w returning id
    ),
    u as (
      insert into users (name, email)
      select 'Agent ' || g, 'agent-' || g || '-' || ${randomBytes(4).toString("hex")} || '@bench.test' from generate_series(1, ${agents}::int) g
      returning id
    ),
    m as (
      insert into memberships (workspace_id, user_id, role, status, capacity)
      select w.id, u.id, 'agent', 'available', ${capacity}::int from w, u
    )
    select w.id as workspace_id, p.id as project_id from w, p
  `);
  return { workspaceId: row!.workspace_id, projectId: row!.project_id };
}

let nextTelegramId = 1;

/** `count` customers with a waiting session each, queued one millisecond apart, already told their position. */
async function seedWaiting(db: Database, workspaceId: string, projectId: string, count: number) {
  const first = nextTelegramId;
  nextTelegramId += count;
  await db.execute(sql`
    with c as (
      insert into contacts (workspace_id, project_id, telegram_user_id, first_name)
      select ${workspaceId}::uuid, ${projectId}::uuid, g, 'Customer ' || g from generate_series(${first}::bigint, ${first + count - 1}::bigint) g
      returning id, telegram_user_id
    )
    insert into sessions (workspace_id, project_id, contact_id, chat_id, queued_at, queue_notified_position, awaiting_reply_since)
    select ${workspaceId}::uuid, ${projectId}::uuid, c.id, c.telegram_user_id,
           now() + (c.telegram_user_id - ${first}::bigint) * interval '1 millisecond',
           row_number() over (order by c.telegram_user_id) - 1, now()
    from c
  `);
}

/** One wake-up assigning a whole queue, batch by batch; each decision waits for its batch's commit. */
async function drain(db: Database, agents: number, waiting: number): Promise<Figures> {
  const { workspaceId, projectId } = await seedWorkspace(db, agents, Math.ceil(waiting / agents));
  await seedWaiting(db, workspaceId, projectId, waiting);
  const latencies: number[] = [];
  const blocked = new Set<string>();
  const started = performance.now();
  for (;;) {
    const stepStarted = performance.now();
    const step = await drainStep(db, workspaceId, [projectId], blocked);
    const ms = performance.now() - stepStarted;
    for (let i = 0; i < step.assigned; i++) latencies.push(ms);
    if (step.done) break;
  }
  const total = performance.now() - started;
  if (latencies.length !== waiting) throw new Error(`drain assigned ${latencies.length} of ${waiting}`);
  return figures(latencies, total);
}

/** Every agent full; one session closes, one wake-up gives the head of the queue to that agent; repeated. */
async function oneByOne(db: Database, agents: number, waiting: number): Promise<Figures> {
  const { workspaceId, projectId } = await seedWorkspace(db, agents, 2);
  // Fill every agent (2 sessions each), then the queue behind them.
  await seedWaiting(db, workspaceId, projectId, agents * 2);
  await wakeRouting(db, workspaceId, projectId);
  await seedWaiting(db, workspaceId, projectId, waiting);
  const open = await db.execute<{ id: string }>(sql`
    select id from sessions where project_id = ${projectId}::uuid and status = 'open' and assigned_user_id is not null
    order by assigned_at, id
  `);
  const toClose = open.map((row) => row.id);
  const latencies: number[] = [];
  const rounds = Math.min(ONE_BY_ONE, waiting);
  for (let i = 0; i < rounds; i++) {
    // Closed outside the timed part: the wake-up after it is the decision being measured.
    const [closed] = await db.execute<{ id: string }>(sql`
      update sessions set status = 'closed', closed_at = now() where id = ${toClose[i % toClose.length]!}::uuid returning id
    `);
    if (!closed) throw new Error("nothing to close");
    const started = performance.now();
    await wakeRouting(db, workspaceId, projectId);
    latencies.push(performance.now() - started);
    const [next] = await db.execute<{ id: string }>(sql`
      select id from sessions where project_id = ${projectId}::uuid and status = 'open' and assigned_user_id is not null
      order by assigned_at desc, id desc limit 1
    `);
    toClose.push(next!.id);
  }
  const assigned = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from session_log where project_id = ${projectId}::uuid and kind = 'assigned'
  `);
  if (assigned[0]!.n !== agents * 2 + rounds)
    throw new Error(`expected ${agents * 2 + rounds} assignments, found ${assigned[0]!.n}`);
  return figures(
    latencies,
    latencies.reduce((a, b) => a + b, 0),
  );
}

/** The floor: a plain single-row UPDATE … RETURNING on the same table, sequentially. */
async function baseline(db: Database, agents: number, waiting: number): Promise<Figures> {
  const { workspaceId, projectId } = await seedWorkspace(db, agents, 1);
  await seedWaiting(db, workspaceId, projectId, waiting);
  const ids = await db.execute<{ id: string }>(sql`select id from sessions where project_id = ${projectId}::uuid order by id`);
  const [agent] = await db.execute<{ user_id: string }>(
    sql`select user_id from memberships where workspace_id = ${workspaceId}::uuid limit 1`,
  );
  const latencies: number[] = [];
  const rounds = Math.min(waiting, 2_000);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await db.execute(sql`
      update sessions set assigned_user_id = ${agent!.user_id}::uuid, assigned_at = now(), queued_at = null
      where id = ${ids[i]!.id}::uuid returning id
    `);
    latencies.push(performance.now() - t);
  }
  return figures(latencies, performance.now() - started);
}

function table(rows: { agents: number; waiting: number; drain: Figures; oneByOne: Figures; baseline: Figures }[]) {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const cell = (f: Figures) => `${pad(f.perSecond.toFixed(0), 9)}${pad(f.p50.toFixed(2), 8)}${pad(f.p99.toFixed(2), 9)}`;
  console.log(
    `\n${pad("", 17)}${pad("drain (one wake-up)", 26)}${pad("one by one (wake per freed slot)", 34)}baseline UPDATE … RETURNING`,
  );
  console.log(
    `${pad("agents", 8)}${pad("waiting", 9)}${pad("dec/s", 9)}${pad("p50 ms", 8)}${pad("p99 ms", 9)}${pad("dec/s", 9)}${pad("p50 ms", 8)}${pad("p99 ms", 17)}${pad("upd/s", 9)}${pad("p50 ms", 8)}p99 ms`,
  );
  for (const r of rows) {
    console.log(`${pad(r.agents, 8)}${pad(r.waiting, 9)}${cell(r.drain)}${cell(r.oneByOne)}${pad("", 8)}${cell(r.baseline)}`);
  }
}

async function main() {
  const database = await createTestDatabase(BASE_DATABASE_URL, "deskgram_bench");
  const { sql: client, db } = createDatabase(database.url, { max: 4 });
  console.log(`Bench database ${database.name}; one-by-one rounds per case: ${ONE_BY_ONE}`);
  const rows = [];
  try {
    // Warm up: connections, prepared statements, JIT.
    await drain(db, 10, 200);
    await oneByOne(db, 10, 50);
    await baseline(db, 10, 200);
    for (const [agents, waiting] of CASES) {
      const row = {
        agents,
        waiting,
        drain: await drain(db, agents, waiting),
        oneByOne: await oneByOne(db, agents, waiting),
        baseline: await baseline(db, agents, waiting),
      };
      console.log(
        `${agents} agents × ${waiting} waiting: drain ${row.drain.perSecond.toFixed(0)}/s, one by one ${row.oneByOne.perSecond.toFixed(0)}/s, baseline ${row.baseline.perSecond.toFixed(0)}/s`,
      );
      rows.push(row);
    }
    table(rows);
    console.log(
      "\ndrain: decisions per second over a whole queue; latency = the batch transaction a decision commits in." +
        "\none by one: each wake-up assigns the head of the queue and re-announces the positions that moved up (first 10)." +
        "\nbaseline: the same table, one UPDATE … RETURNING per row, no routing.",
    );
  } finally {
    await client.end();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

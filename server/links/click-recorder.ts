import { sql } from "drizzle-orm";
import { database, type Database } from "@/db/client";
import type { Tx } from "@/db/transaction";
import { env } from "@/lib/env";
import { publishCommitted } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { backfillAttribution } from "./attribute-start";
import { clickRow, type CapturedClick, type ClickRow } from "./click-details";

export type ClickRecorderDeps = {
  db: () => Database;
  windowMinutes: () => number;
  backfill?: (tx: Tx, payloads: readonly string[]) => Promise<BusEvent[]>;
  publish?: (events: BusEvent[]) => Promise<void>;
  log?: (line: string) => void;
  /** Wait before retry number `attempt` (1, 2, …) after the database failed. */
  retryDelayMs?: (attempt: number) => number;
};

const MAX_BATCH = 500;
// Held in memory while the database is down; past this the oldest clicks go (and the log says so).
const MAX_PENDING = 200_000;

const defaultDelay = (attempt: number) => Math.min(5_000, 50 * 2 ** attempt);

/** PostgreSQL's data and integrity errors (classes 22 and 23): retrying the same rows cannot help. */
function isDataError(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = (cause as { code?: unknown })?.code;
  return typeof code === "string" && /^2[23]/.test(code);
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
  return [typeof code === "string" ? code : null, typeof message === "string" ? message : String(cause)]
    .filter(Boolean)
    .join(" ");
}

/**
 * Stores clicks after their redirect was answered, batched: while one batch is being written the
 * next collects, so under load one statement carries many clicks. A failed write is retried (with
 * backoff) until it succeeds; each click's payload is unique, so a retry of a write that did commit
 * stores nothing twice. Whether a click is unique is decided by the insert statement itself.
 */
export class ClickRecorder {
  private pending: CapturedClick[] = [];
  private waiters: Array<() => void> = [];
  private running: Promise<void> | null = null;

  constructor(private readonly deps: ClickRecorderDeps) {}

  /** Queues a click; the promise settles once it is stored (never rejects: failures are retried). */
  record(click: CapturedClick): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.pending.length >= MAX_PENDING) {
        this.pending.shift();
        this.waiters.shift()?.();
        this.log(`[links] ${MAX_PENDING} clicks waiting for the database: the oldest one was dropped`);
      }
      this.pending.push(click);
      this.waiters.push(resolve);
      this.running ??= this.drain();
    });
  }

  /** Resolves once every click queued so far is stored. */
  async flushed(): Promise<void> {
    while (this.running) await this.running;
  }

  get waiting(): number {
    return this.pending.length;
  }

  private log(line: string): void {
    (this.deps.log ?? console.error)(line);
  }

  private async drain(): Promise<void> {
    // Let the redirect's response go out before any work on its click.
    await new Promise((resolve) => setImmediate(resolve));
    let attempt = 0;
    for (;;) {
      if (!this.pending.length) {
        this.running = null;
        return;
      }
      const batch = this.pending.splice(0, MAX_BATCH);
      const waiters = this.waiters.splice(0, batch.length);
      try {
        await this.store(batch);
        attempt = 0;
        for (const done of waiters) done();
      } catch (error) {
        this.pending.unshift(...batch);
        this.waiters.unshift(...waiters);
        attempt++;
        const delay = (this.deps.retryDelayMs ?? defaultDelay)(attempt);
        this.log(
          `[links] storing ${batch.length} clicks failed (attempt ${attempt}), retrying in ${delay} ms: ${describe(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async store(batch: CapturedClick[]): Promise<void> {
    const rows = batch.map((click) => {
      try {
        return clickRow(click);
      } catch (error) {
        this.log(`[links] click ${click.payload}: details not readable, storing it without them: ${describe(error)}`);
        return clickRow({ ...click, url: "", userAgent: null, referrer: null, ip: null });
      }
    });
    await this.insertIsolating(rows);
  }

  /** A row the database refuses as data is found by halving the batch and left out alone; the rest are stored. */
  private async insertIsolating(rows: ClickRow[]): Promise<void> {
    try {
      await this.insert(rows);
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (rows.length === 1) {
        this.log(`[links] click ${rows[0]!.payload} refused by the database, not stored: ${describe(error)}`);
        return;
      }
      const half = Math.ceil(rows.length / 2);
      await this.insertIsolating(rows.slice(0, half));
      await this.insertIsolating(rows.slice(half));
    }
  }

  private async insert(rows: ClickRow[]): Promise<void> {
    const input = JSON.stringify(rows.map((row, ord) => ({ ...row, ord })));
    const windowMinutes = this.deps.windowMinutes();
    const backfill = this.deps.backfill ?? backfillAttribution;
    const events = await this.deps.db().transaction(async (tx) => {
      // Another instance may be storing the same visitor's clicks right now: whoever locks a visitor
      // first commits first, and the other then sees its click. Locks are taken in one order (by
      // hash), so two batches never wait on each other in a cycle.
      await tx.execute(sql`
        select pg_advisory_xact_lock(h) from (
          select distinct hashtextextended('click-visitor:' || i."visitorKey", 0) as h
          from jsonb_to_recordset(${input}::jsonb) as i("visitorKey" text, "isBot" boolean)
          where not i."isBot"
          order by h
        ) visitors`);
      // Clicks of a link or project deleted meanwhile are left out (nothing to count them against).
      // Unique: not a bot, and no other non-bot click of the same visitor key (same link, IP and
      // User-Agent) within the window: none stored (also not a later one, stored first by another
      // instance), none earlier in this batch.
      const inserted = await tx.execute<{ payload: string }>(sql`
        with input as (
          select * from jsonb_to_recordset(${input}::jsonb) as i(
            ord int, payload text, "linkId" uuid, "projectId" uuid, "clickedAt" timestamptz, ip text, "userAgent" text,
            browser text, os text, device text, "isBot" boolean, referrer text, "referrerHost" text,
            "utmSource" text, "utmMedium" text, "utmCampaign" text, "utmTerm" text, "utmContent" text,
            query jsonb, "visitorKey" text)
        )
        insert into link_clicks (workspace_id, project_id, link_id, payload, clicked_at, ip, user_agent, browser, os, device,
          is_bot, referrer, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content, query, visitor_key, is_unique)
        select l.workspace_id, i."projectId", i."linkId", i.payload, i."clickedAt", i.ip, i."userAgent", i.browser, i.os, i.device,
          i."isBot", i.referrer, i."referrerHost", i."utmSource", i."utmMedium", i."utmCampaign", i."utmTerm", i."utmContent",
          i.query, i."visitorKey",
          not i."isBot"
            and not exists (select 1 from link_clicks c
              where c.visitor_key = i."visitorKey" and not c.is_bot
                and c.clicked_at > i."clickedAt" - make_interval(mins => ${windowMinutes}::int)
                and c.clicked_at < i."clickedAt" + make_interval(mins => ${windowMinutes}::int))
            and not exists (select 1 from input e
              where e."visitorKey" = i."visitorKey" and not e."isBot" and e.ord < i.ord
                and e."clickedAt" > i."clickedAt" - make_interval(mins => ${windowMinutes}::int))
        from input i
        join links l on l.id = i."linkId"
        join projects p on p.id = i."projectId" and p.workspace_id = l.workspace_id
        order by i.ord
        on conflict (payload) do nothing
        returning payload`);
      const payloads = [...inserted].map((row) => row.payload);
      if (!payloads.length) return [];
      // In a savepoint: a failing attribution must not keep the clicks themselves from being stored.
      try {
        return await tx.transaction((savepoint) => backfill(savepoint, payloads));
      } catch (error) {
        this.log(`[links] attributing Starts to ${payloads.length} new clicks failed: ${describe(error)}`);
        return [];
      }
    });
    await (this.deps.publish ?? publishCommitted)(events);
  }
}

// On globalThis: one queue per process even where the launcher and the Next.js bundle load separate copies.
const INSTANCE_KEY = Symbol.for("deskgram.links.click-recorder");
type Holder = typeof globalThis & { [INSTANCE_KEY]?: ClickRecorder };

/** The process-wide recorder on the app's database. Call `clickRecorder().flushed()` before exiting. */
export function clickRecorder(): ClickRecorder {
  const holder = globalThis as Holder;
  holder[INSTANCE_KEY] ??= new ClickRecorder({ db: database, windowMinutes: () => env().LINK_UNIQUE_WINDOW_MINUTES });
  return holder[INSTANCE_KEY];
}

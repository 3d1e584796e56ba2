import { eq, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { database, type Database } from "@/db/client";
import { bots, links, projects, workspaces } from "@/db/schema";
import { kv as defaultKv, type Kv } from "@/lib/kv";
import { eventBus, type EventBus } from "@/server/events/bus";
import { PLANS, type PlanId } from "@/lib/access/plans";

/** What the redirect needs to know about a code; `null` when no link ever had it. */
export type ResolvedLink = {
  id: string;
  workspaceId: string;
  projectId: string;
  /** The project's bot's @username (without @); null when no bot is connected or the project is inactive or archived. */
  botUsername: string | null;
  plan: PlanId;
  /** When the workspace's trial or paid period ends (ms since epoch); null when there is none. */
  planEndsAt: number | null;
  expiresAt: number | null;
  paused: boolean;
  deleted: boolean;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
};

// Every instance hears link.changed and drops its copy at once; bot and plan changes are not
// announced, so they show after at most these TTLs (the plan's end itself is checked per request).
const LOCAL_TTL_MS = 30_000;
const KV_TTL_MS = 60_000;
const KV_TIMEOUT_MS = 200;
const MAX_LOCAL_ENTRIES = 100_000;
// Most short links are clicked now and then: the KV is filled with a code only when this process had
// to read it from the database twice within this window, so one-off clicks cost no KV write.
const SECOND_LOAD_WINDOW_MS = 10 * 60_000;

const epochMs = (column: unknown) => sql<number | null>`(extract(epoch from ${column}) * 1000)::float8`;

function resolveLinksQuery(db: Database) {
  return (
    db
      .select({
        code: links.code,
        id: links.id,
        workspaceId: links.workspaceId,
        projectId: links.projectId,
        // An inactive project's bot has no webhook and an archived one takes no customers: nowhere to send a visitor.
        botUsername: sql<
          string | null
        >`case when ${projects.status} = 'active' and ${projects.archivedAt} is null then ${bots.username} end`,
        plan: workspaces.plan,
        planEndsAt: sql<number | null>`(extract(epoch from case when ${workspaces.plan} = 'trial' then ${workspaces.trialEndsAt}
        else (select max(s.period_end) from subscriptions s where s.workspace_id = ${workspaces.id} and s.status = 'active') end)
        * 1000)::float8`,
        expiresAt: epochMs(links.expiresAt),
        paused: sql<boolean>`${links.pausedAt} is not null`,
        deleted: sql<boolean>`${links.deletedAt} is not null`,
        utmSource: links.utmSource,
        utmMedium: links.utmMedium,
        utmCampaign: links.utmCampaign,
        utmTerm: links.utmTerm,
        utmContent: links.utmContent,
      })
      .from(links)
      .innerJoin(workspaces, eq(workspaces.id, links.workspaceId))
      .innerJoin(projects, eq(projects.id, links.projectId))
      .leftJoin(bots, eq(bots.projectId, links.projectId))
      // One parameter whatever the number of codes. Codes are [A-Za-z0-9_-]: a comma is never part of one.
      .where(sql`${links.code} = any(string_to_array(${sql.placeholder("codes")}, ','))`)
      .prepare("resolve_links")
  );
}

// Built once per database: the SQL text is not assembled again for every lookup.
const preparedQueries = new WeakMap<Database, ReturnType<typeof resolveLinksQuery>>();

/** One query for many codes: each link, its bot and its workspace's plan end; codes without a link are absent. */
export async function loadResolvedLinks(db: Database, codes: readonly string[]): Promise<Map<string, ResolvedLink>> {
  let query = preparedQueries.get(db);
  if (!query) preparedQueries.set(db, (query = resolveLinksQuery(db)));
  const rows = await query.execute({ codes: codes.join(",") });
  return new Map(
    rows.map(({ code, ...row }) => [code, { ...row, planEndsAt: toNumber(row.planEndsAt), expiresAt: toNumber(row.expiresAt) }]),
  );
}

function toNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Why a link does not redirect right now, or null when it does. */
export function unavailableReason(link: ResolvedLink | null, now: number): string | null {
  if (!link) return "unknown";
  if (link.deleted) return "deleted";
  if (link.paused) return "paused";
  if (link.expiresAt !== null && link.expiresAt <= now) return "expired";
  if (link.planEndsAt === null || link.planEndsAt <= now) return "plan expired";
  if (!(PLANS[link.plan].features as readonly string[]).includes("diversionLinks")) return "not in plan";
  if (!link.botUsername) return "no bot";
  return null;
}

export const linkKvKey = (code: string) => `link:${code}`;

/**
 * The cache-first lookup of the redirect: this process's map (short TTL), then the KV, then
 * PostgreSQL. Concurrent misses of one code share one lookup. `link.changed` on the bus drops an
 * entry on every instance; a bus reconnect (events may have been missed) drops them all.
 */
export class LinkResolver {
  private readonly entries = new LRUCache<string, Promise<ResolvedLink | null>>({ max: MAX_LOCAL_ENTRIES, ttl: LOCAL_TTL_MS });
  private subscribedTo: EventBus | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastKvWarning = 0;
  /** Codes this process read from the database within the last SECOND_LOAD_WINDOW_MS. */
  private readonly loadedRecently = new LRUCache<string, true>({ max: MAX_LOCAL_ENTRIES, ttl: SECOND_LOAD_WINDOW_MS });
  private misses: Map<string, Array<{ resolve: (link: ResolvedLink | null) => void; reject: (error: unknown) => void }>> | null =
    null;

  constructor(
    private readonly deps: {
      db: () => Database;
      kv: () => Kv;
      bus: () => EventBus;
      load?: typeof loadResolvedLinks;
      log?: (line: string) => void;
    },
  ) {}

  resolve(code: string): Promise<ResolvedLink | null> {
    this.listen();
    const cached = this.entries.get(code);
    if (cached) return cached;
    const link = this.lookUp(code);
    this.entries.set(code, link);
    // A failed lookup (database down) must not be remembered.
    link.catch(() => this.entries.peek(code) === link && this.entries.delete(code));
    return link;
  }

  /** Drops this process's copy (the bus does it on every instance). */
  forget(code: string): void {
    this.entries.delete(code);
  }

  clear(): void {
    this.entries.clear();
  }

  private listen(): void {
    const bus = this.deps.bus();
    if (bus === this.subscribedTo) return;
    this.unsubscribe?.();
    this.subscribedTo = bus;
    this.unsubscribe = bus.subscribe((event) => {
      if (event.type === "link.changed") this.forget(event.code);
      else if (event.type === "bus.reconnected") this.clear();
    });
  }

  /**
   * Misses of one event-loop turn are looked up together: one KV MGET, then one query for the codes
   * the KV did not have. Under load that is one round trip each for many redirects. A code read from
   * the database a second time is written to the KV for the other instances (and for later).
   */
  private lookUp(code: string): Promise<ResolvedLink | null> {
    return new Promise((resolve, reject) => {
      if (!this.misses) {
        this.misses = new Map();
        setImmediate(() => void this.lookUpMisses());
      }
      const waiting = this.misses.get(code);
      if (waiting) waiting.push({ resolve, reject });
      else this.misses.set(code, [{ resolve, reject }]);
    });
  }

  private async lookUpMisses(): Promise<void> {
    const misses = this.misses!;
    this.misses = null;
    const codes = [...misses.keys()];
    try {
      const cached = await this.readKv(codes);
      const unknown = codes.filter((_, i) => cached[i] === undefined);
      const loaded = unknown.length
        ? await (this.deps.load ?? loadResolvedLinks)(this.deps.db(), unknown)
        : new Map<string, ResolvedLink>();
      for (const code of unknown) {
        const secondLoad = this.loadedRecently.has(code);
        this.loadedRecently.set(code, true);
        if (!secondLoad) continue;
        // Filled in the background: the visitor does not wait for the write.
        this.deps
          .kv()
          .set(linkKvKey(code), JSON.stringify(loaded.get(code) ?? null), { ttlMs: KV_TTL_MS })
          .catch((error: unknown) => this.warn(error));
      }
      codes.forEach((code, i) => {
        const link = cached[i] !== undefined ? cached[i]! : (loaded.get(code) ?? null);
        for (const waiter of misses.get(code)!) waiter.resolve(link);
      });
    } catch (error) {
      for (const waiters of misses.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }

  /** The KV's copies, one per code; undefined where it has none or does not answer quickly (the database is asked then). */
  private async readKv(codes: string[]): Promise<Array<ResolvedLink | null | undefined>> {
    const none = codes.map(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const values = await Promise.race([
        this.deps.kv().mget(codes.map(linkKvKey)),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), KV_TIMEOUT_MS);
        }),
      ]);
      if (!values) return none;
      return values.map((value) => (value === null ? undefined : (JSON.parse(value) as ResolvedLink | null)));
    } catch (error) {
      this.warn(error);
      return none;
    } finally {
      clearTimeout(timer);
    }
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastKvWarning < 60_000) return;
    this.lastKvWarning = now;
    (this.deps.log ?? console.error)(
      `[links] KV unavailable, looking links up in the database: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

// On globalThis: one cache per process even where the launcher and the Next.js bundle load separate copies.
const INSTANCE_KEY = Symbol.for("deskgram.links.resolver");
type Holder = typeof globalThis & { [INSTANCE_KEY]?: LinkResolver };

/** The process-wide resolver on the app's database, KV and event bus. */
export function linkResolver(): LinkResolver {
  const holder = globalThis as Holder;
  holder[INSTANCE_KEY] ??= new LinkResolver({ db: database, kv: defaultKv, bus: eventBus });
  return holder[INSTANCE_KEY];
}

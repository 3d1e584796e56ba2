import { KvError, NOT_AN_INTEGER, OVERFLOW, WRONG_TYPE } from "./errors";
import { checkInteger, checkPrefix, checkTtlMs } from "./namespace";
import type { Kv, KvIncrOptions, KvSetOptions } from "./types";

/** In-process Kv for the single-process embedded mode: Redis semantics, no persistence. */

type Entry =
  | { type: "string"; value: string; expiresAt: number | null }
  | { type: "hash"; value: Map<string, string>; expiresAt: number | null };

type Store = Map<string, Entry>;

interface Registry {
  stores: Map<string, Store>;
  sweeper: ReturnType<typeof setInterval> | null;
}

const SWEEP_EVERY_MS = 10_000;
// Symbol.for so Next.js's separately bundled server modules in one process find the same registry.
const REGISTRY_KEY = Symbol.for("deskgram.kv.memory.registry");

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Registry };
  holder[REGISTRY_KEY] ??= { stores: new Map(), sweeper: null };
  return holder[REGISTRY_KEY];
}

/** Expired keys are dropped on access; the sweep only bounds memory held by keys nobody reads again. */
function sweepAll(reg: Registry): void {
  const now = Date.now();
  for (const store of reg.stores.values()) {
    for (const [key, entry] of store) if (entry.expiresAt !== null && entry.expiresAt <= now) store.delete(key);
  }
}

function storeFor(prefix: string): Store {
  const reg = registry();
  let store = reg.stores.get(prefix);
  if (!store) {
    store = new Map();
    reg.stores.set(prefix, store);
  }
  if (!reg.sweeper) {
    reg.sweeper = setInterval(() => sweepAll(reg), SWEEP_EVERY_MS);
    reg.sweeper.unref?.(); // never keeps the process alive
  }
  return store;
}

/** Redis accepts only canonical integers ("-0", "01", " 1" and "1.0" are refused). */
function parseInteger(value: string): number {
  if (!/^(0|-?[1-9]\d{0,18})$/.test(value)) throw new KvError(NOT_AN_INTEGER);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new KvError(NOT_AN_INTEGER);
  return n;
}

export class MemoryKv implements Kv {
  readonly prefix: string;
  private readonly store: Store;

  constructor(prefix: string) {
    this.prefix = checkPrefix(prefix);
    this.store = storeFor(prefix);
  }

  /** The live entry for a key, deleting it first when its TTL has passed (lazy expiry). */
  private entry(key: string): Entry | undefined {
    const entry = this.store.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.store.delete(key);
      return undefined;
    }
    return entry;
  }

  private stringEntry(key: string): Extract<Entry, { type: "string" }> | undefined {
    const entry = this.entry(key);
    if (entry && entry.type !== "string") throw new KvError(WRONG_TYPE);
    return entry;
  }

  private hashEntry(key: string): Extract<Entry, { type: "hash" }> | undefined {
    const entry = this.entry(key);
    if (entry && entry.type !== "hash") throw new KvError(WRONG_TYPE);
    return entry;
  }

  async get(key: string): Promise<string | null> {
    return this.stringEntry(key)?.value ?? null;
  }

  async set(key: string, value: string, options: KvSetOptions = {}): Promise<boolean> {
    const expiresAt = options.ttlMs === undefined ? null : Date.now() + checkTtlMs(options.ttlMs);
    if (options.nx && this.entry(key)) return false;
    this.store.set(key, { type: "string", value, expiresAt });
    return true;
  }

  async del(...keys: string[]): Promise<number> {
    let removed = 0;
    for (const key of new Set(keys)) {
      if (this.entry(key)) {
        this.store.delete(key);
        removed++;
      }
    }
    return removed;
  }

  async mget(keys: readonly string[]): Promise<Array<string | null>> {
    return keys.map((key) => {
      const entry = this.entry(key);
      return entry?.type === "string" ? entry.value : null;
    });
  }

  async incr(key: string, options?: KvIncrOptions): Promise<number> {
    return this.incrBy(key, 1, options);
  }

  async incrBy(key: string, by: number, options: KvIncrOptions = {}): Promise<number> {
    checkInteger(by, "Increment");
    const ttlMs = options.ttlMs === undefined ? undefined : checkTtlMs(options.ttlMs);
    const entry = this.stringEntry(key);
    const next = (entry ? parseInteger(entry.value) : 0) + by;
    if (!Number.isSafeInteger(next)) throw new KvError(OVERFLOW);
    if (entry) entry.value = String(next);
    else this.store.set(key, { type: "string", value: String(next), expiresAt: ttlMs === undefined ? null : Date.now() + ttlMs });
    return next;
  }

  async pexpire(key: string, ttlMs: number): Promise<boolean> {
    checkInteger(ttlMs, "TTL");
    const entry = this.entry(key);
    if (!entry) return false;
    if (ttlMs <= 0) this.store.delete(key);
    else entry.expiresAt = Date.now() + ttlMs;
    return true;
  }

  async expire(key: string, ttlSeconds: number): Promise<boolean> {
    return this.pexpire(key, checkInteger(ttlSeconds, "TTL") * 1000);
  }

  async pttl(key: string): Promise<number> {
    const entry = this.entry(key);
    if (!entry) return -2;
    return entry.expiresAt === null ? -1 : Math.max(0, entry.expiresAt - Date.now());
  }

  async ttl(key: string): Promise<number> {
    const ms = await this.pttl(key);
    return ms < 0 ? ms : Math.floor((ms + 500) / 1000);
  }

  async acquireLock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.set(key, owner, { nx: true, ttlMs });
  }

  async extendLock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    checkTtlMs(ttlMs);
    const entry = this.stringEntry(key);
    if (entry?.value !== owner) return false;
    entry.expiresAt = Date.now() + ttlMs;
    return true;
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    if (this.stringEntry(key)?.value !== owner) return false;
    this.store.delete(key);
    return true;
  }

  async hset(key: string, fields: Readonly<Record<string, string>>): Promise<number> {
    const pairs = Object.entries(fields);
    if (pairs.length === 0) return 0; // Redis refuses an empty HSET; every backend answers 0 instead
    let entry = this.hashEntry(key);
    if (!entry) {
      entry = { type: "hash", value: new Map(), expiresAt: null };
      this.store.set(key, entry);
    }
    let added = 0;
    for (const [field, value] of pairs) {
      if (!entry.value.has(field)) added++;
      entry.value.set(field, value);
    }
    return added;
  }

  async hget(key: string, field: string): Promise<string | null> {
    return this.hashEntry(key)?.value.get(field) ?? null;
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    // fromEntries defines own properties, so a field named "__proto__" stays an ordinary field.
    return Object.fromEntries(this.hashEntry(key)?.value ?? []);
  }

  async hdel(key: string, ...fields: string[]): Promise<number> {
    const entry = this.hashEntry(key);
    if (!entry) return 0;
    let removed = 0;
    for (const field of new Set(fields)) if (entry.value.delete(field)) removed++;
    if (entry.value.size === 0) this.store.delete(key);
    return removed;
  }

  async clearNamespace(): Promise<number> {
    let live = 0;
    for (const key of [...this.store.keys()]) if (this.entry(key)) live++;
    this.store.clear();
    return live;
  }
}

/** The in-process backend; instances with the same prefix share one store. */
export function createMemoryKv(prefix: string): Kv {
  return new MemoryKv(prefix);
}

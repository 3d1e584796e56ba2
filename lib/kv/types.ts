/**
 * The one key-value interface Deskgram uses for presence, dedup keys, caches, rate limits and locks.
 * Values are strings (callers JSON-encode); every key is namespaced by the instance's prefix.
 * Semantics follow Redis: each backend must pass the same contract suite (kv.contract.test.ts).
 */
export interface KvSetOptions {
  /** Expire the key after this many milliseconds (an integer >= 1). Without it, SET clears any TTL. */
  ttlMs?: number;
  /** Only set the key when it does not exist yet. */
  nx?: boolean;
}

export interface KvIncrOptions {
  /** When this increment creates the key, give it this TTL in milliseconds; later increments keep it. */
  ttlMs?: number;
}

export interface Kv {
  /** The namespace every key of this instance lives under (`${prefix}:${key}` in the store). */
  readonly prefix: string;

  get(key: string): Promise<string | null>;
  /** Returns whether the value was written (false only when `nx` found the key present). */
  set(key: string, value: string, options?: KvSetOptions): Promise<boolean>;
  /** Returns how many of the keys existed. */
  del(...keys: string[]): Promise<number>;
  /** One value per key, null where missing (or not a string). */
  mget(keys: readonly string[]): Promise<Array<string | null>>;

  /** Atomic +1; the value must be an integer string or missing (treated as 0). */
  incr(key: string, options?: KvIncrOptions): Promise<number>;
  /** Atomic +by (by may be negative); same rules as `incr`. */
  incrBy(key: string, by: number, options?: KvIncrOptions): Promise<number>;

  /** Sets a TTL in milliseconds on an existing key (<= 0 deletes it); false when the key is missing. */
  pexpire(key: string, ttlMs: number): Promise<boolean>;
  /** Sets a TTL in seconds on an existing key (<= 0 deletes it); false when the key is missing. */
  expire(key: string, ttlSeconds: number): Promise<boolean>;
  /** Remaining TTL in milliseconds; -1 when the key has no TTL, -2 when it is missing. */
  pttl(key: string): Promise<number>;
  /** Remaining TTL in whole seconds (rounded as Redis does); -1 no TTL, -2 missing. */
  ttl(key: string): Promise<number>;

  /** Takes the lock when free: SET key owner NX PX ttlMs. Returns whether this owner now holds it. */
  acquireLock(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends the TTL only while `owner` still holds the lock. */
  extendLock(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Deletes the lock only while `owner` still holds it (atomic compare-and-delete). */
  releaseLock(key: string, owner: string): Promise<boolean>;

  /** Sets fields of a hash; returns how many fields are new. The key's TTL is kept. */
  hset(key: string, fields: Readonly<Record<string, string>>): Promise<number>;
  hget(key: string, field: string): Promise<string | null>;
  /** All fields of a hash; {} when the key is missing. */
  hgetall(key: string): Promise<Record<string, string>>;
  /** Returns how many fields were removed; an emptied hash disappears. */
  hdel(key: string, ...fields: string[]): Promise<number>;

  /** Deletes every key under this prefix: for test and e2e teardown, never on a shared production prefix. */
  clearNamespace(): Promise<number>;
}

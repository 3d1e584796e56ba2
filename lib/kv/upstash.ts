import { Redis } from "@upstash/redis";
import { KvError } from "./errors";
import { checkInteger, checkPrefix, checkTtlMs, namespaced } from "./namespace";
import { EXTEND_IF_OWNER, INCR_WITH_TTL, RELEASE_IF_OWNER } from "./scripts";
import type { Kv, KvIncrOptions, KvSetOptions } from "./types";

/** Kv over the Upstash REST protocol: real Upstash, or our bridge in front of a plain Redis. */

export interface UpstashKvOptions {
  url: string;
  token: string;
  prefix: string;
}

type Arg = string | number;

const SCAN_BATCH = 500;

function asNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  throw new KvError(`Unexpected reply from the store: ${JSON.stringify(value)}`);
}

function asNullableString(value: unknown): string | null {
  if (value === null || typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new KvError(`Unexpected reply from the store: ${JSON.stringify(value)}`);
}

function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw new KvError(`Unexpected reply from the store: ${JSON.stringify(value)}`);
}

/** The client appends the whole command to its error text; values may be secrets, so keep the Redis part only. */
function toKvError(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== "UpstashError") return error;
  const message = error.message.replace(/, command was: [\s\S]*$/, "").replace(/^Command failed: /, "");
  return new KvError(message, { cause: error });
}

export class UpstashKv implements Kv {
  readonly prefix: string;
  private readonly redis: Redis;

  constructor(options: UpstashKvOptions) {
    this.prefix = checkPrefix(options.prefix);
    this.redis = new Redis({
      url: options.url,
      token: options.token,
      // Values are opaque strings: without this the client would JSON.parse "123" into 123.
      automaticDeserialization: false,
      // Auto-pipelining batches reads and writes separately, which can reorder a write and a later read.
      enableAutoPipelining: false,
      enableTelemetry: false,
      // Network failures only; a few quick retries ride out a restart without stalling a request for seconds.
      retry: { retries: 3, backoff: (attempt) => 50 * 2 ** attempt },
    });
  }

  private key(key: string): string {
    return namespaced(this.prefix, key);
  }

  /** Every operation goes through here: one raw command, raw reply, errors as KvError. */
  private async command(...args: [string, ...Arg[]]): Promise<unknown> {
    try {
      return await this.redis.exec<unknown>(args);
    } catch (error) {
      throw toKvError(error);
    }
  }

  async get(key: string): Promise<string | null> {
    return asNullableString(await this.command("GET", this.key(key)));
  }

  async set(key: string, value: string, options: KvSetOptions = {}): Promise<boolean> {
    const args: [string, ...Arg[]] = ["SET", this.key(key), value];
    if (options.nx) args.push("NX");
    if (options.ttlMs !== undefined) args.push("PX", checkTtlMs(options.ttlMs));
    return (await this.command(...args)) !== null;
  }

  async del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return asNumber(await this.command("DEL", ...keys.map((k) => this.key(k))));
  }

  async mget(keys: readonly string[]): Promise<Array<string | null>> {
    if (keys.length === 0) return [];
    return asArray(await this.command("MGET", ...keys.map((k) => this.key(k)))).map(asNullableString);
  }

  async incr(key: string, options?: KvIncrOptions): Promise<number> {
    return this.incrBy(key, 1, options);
  }

  async incrBy(key: string, by: number, options: KvIncrOptions = {}): Promise<number> {
    checkInteger(by, "Increment");
    if (options.ttlMs === undefined) return asNumber(await this.command("INCRBY", this.key(key), by));
    return asNumber(await this.command("EVAL", INCR_WITH_TTL, 1, this.key(key), by, checkTtlMs(options.ttlMs)));
  }

  async pexpire(key: string, ttlMs: number): Promise<boolean> {
    return asNumber(await this.command("PEXPIRE", this.key(key), checkInteger(ttlMs, "TTL"))) === 1;
  }

  async expire(key: string, ttlSeconds: number): Promise<boolean> {
    return asNumber(await this.command("EXPIRE", this.key(key), checkInteger(ttlSeconds, "TTL"))) === 1;
  }

  async pttl(key: string): Promise<number> {
    return asNumber(await this.command("PTTL", this.key(key)));
  }

  async ttl(key: string): Promise<number> {
    return asNumber(await this.command("TTL", this.key(key)));
  }

  async acquireLock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.set(key, owner, { nx: true, ttlMs });
  }

  async extendLock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return asNumber(await this.command("EVAL", EXTEND_IF_OWNER, 1, this.key(key), owner, checkTtlMs(ttlMs))) === 1;
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    return asNumber(await this.command("EVAL", RELEASE_IF_OWNER, 1, this.key(key), owner)) === 1;
  }

  async hset(key: string, fields: Readonly<Record<string, string>>): Promise<number> {
    const pairs = Object.entries(fields);
    if (pairs.length === 0) return 0; // Redis refuses an empty HSET; every backend answers 0 instead
    return asNumber(await this.command("HSET", this.key(key), ...pairs.flat()));
  }

  async hget(key: string, field: string): Promise<string | null> {
    return asNullableString(await this.command("HGET", this.key(key), field));
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    const flat = asArray(await this.command("HGETALL", this.key(key))).map(asNullableString);
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] ?? "", flat[i + 1] ?? ""]);
    return Object.fromEntries(pairs);
  }

  async hdel(key: string, ...fields: string[]): Promise<number> {
    if (fields.length === 0) return 0;
    return asNumber(await this.command("HDEL", this.key(key), ...fields));
  }

  async clearNamespace(): Promise<number> {
    let cursor = "0";
    let removed = 0;
    do {
      const [next, keys] = asArray(await this.command("SCAN", cursor, "MATCH", `${this.prefix}:*`, "COUNT", SCAN_BATCH));
      cursor = String(asNullableString(next) ?? "0");
      const found = asArray(keys).map((k) => String(asNullableString(k)));
      if (found.length > 0) removed += asNumber(await this.command("UNLINK", ...found));
    } while (cursor !== "0");
    return removed;
  }
}

export function createUpstashKv(options: UpstashKvOptions): Kv {
  return new UpstashKv(options);
}

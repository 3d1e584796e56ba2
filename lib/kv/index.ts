import { env } from "../env";
import { createMemoryKv } from "./memory";
import type { Kv } from "./types";
import { createUpstashKv } from "./upstash";

export type { Kv, KvIncrOptions, KvSetOptions } from "./types";
export { KvError } from "./errors";

export interface CreateKvOptions {
  /** Namespace for every key (KV_PREFIX in the app, a random one per test suite). */
  prefix: string;
  /** Upstash REST endpoint (real Upstash or the bridge); omitted → the in-process store. */
  upstash?: { url: string; token: string } | undefined;
}

/** A Kv for explicit settings: Upstash REST when given, otherwise the in-process store. */
export function createKv(options: CreateKvOptions): Kv {
  return options.upstash ? createUpstashKv({ ...options.upstash, prefix: options.prefix }) : createMemoryKv(options.prefix);
}

// On globalThis so every separately bundled copy of this module in one process shares the instance.
const INSTANCE_KEY = Symbol.for("deskgram.kv.instance");

/**
 * The process-wide Kv chosen from the environment: UPSTASH_REDIS_REST_URL + _TOKEN → Upstash REST
 * (the launcher sets these for its bridge when only REDIS_URL is configured); else in-process.
 */
export function kv(): Kv {
  const holder = globalThis as typeof globalThis & { [INSTANCE_KEY]?: Kv };
  if (!holder[INSTANCE_KEY]) {
    const { KV_PREFIX, UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env();
    holder[INSTANCE_KEY] = createKv({ prefix: KV_PREFIX, upstash: url && token ? { url, token } : undefined });
  }
  return holder[INSTANCE_KEY];
}

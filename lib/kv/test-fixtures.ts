import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { startKvBridge, type KvBridge } from "./bridge";

/** Shared test setup for the KV and rate-limit suites (not a test file itself). */

export const TEST_REDIS_URL = process.env.REDIS_URL || undefined;
export const TEST_UPSTASH =
  process.env.UPSTASH_REDIS_REST_URL && process.env.UPSTASH_REDIS_REST_TOKEN
    ? { url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN }
    : undefined;

/** A prefix no other run or suite uses, so parallel runs against one Redis never collide. */
export function uniquePrefix(label: string): string {
  return `test-${label}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts a bridge in front of `redisUrl` for the enclosing describe block; call the getter inside tests. */
export function useKvBridge(redisUrl: string | undefined): () => KvBridge {
  let bridge: KvBridge | undefined;
  beforeAll(async () => {
    if (redisUrl) bridge = await startKvBridge({ redisUrl, token: randomBytes(16).toString("hex") });
  });
  afterAll(async () => {
    await bridge?.close();
  });
  return () => {
    if (!bridge) throw new Error("The KV bridge is not running (REDIS_URL unset?)");
    return bridge;
  };
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryKv } from "../kv/memory";
import { sleep, TEST_REDIS_URL, uniquePrefix, useKvBridge } from "../kv/test-fixtures";
import type { Kv } from "../kv/types";
import { createUpstashKv } from "../kv/upstash";
import { rateLimitPolicies, type RateLimitPolicy } from "./policies";
import { rateLimit, resetRateLimit } from "./rate-limit";

// Long enough that a test never straddles more than one window edge.
const steady: RateLimitPolicy = { name: "test-steady", limit: 3, windowMs: 60_000, keyedBy: "test id" };
const quick: RateLimitPolicy = { name: "test-quick", limit: 2, windowMs: 300, keyedBy: "test id" };

let counter = 0;
const id = (label: string) => `${label}-${++counter}-${Math.random()}`;

function describeRateLimit(name: string, makeKv: (prefix: string) => Kv): void {
  describe(name, () => {
    let kv: Kv;
    beforeAll(() => {
      kv = makeKv(uniquePrefix("rl"));
    });
    afterAll(async () => {
      await kv?.clearNamespace();
    });

    it("allows `limit` attempts, then refuses with a positive retry-after", async () => {
      const who = id("burst");
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await rateLimit(kv, steady, who));
      expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
      expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
      const refused = results[3]!;
      expect(refused.limit).toBe(3);
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(120);
      expect(refused.resetAt.getTime()).toBeGreaterThan(Date.now());
      expect(results[0]!.retryAfterSeconds).toBe(0);
    });

    it("never admits more than the limit under concurrent attempts", async () => {
      const who = id("concurrent");
      const results = await Promise.all(Array.from({ length: 20 }, () => rateLimit(kv, steady, who)));
      expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(3);
      expect((await rateLimit(kv, steady, who)).ok).toBe(false);
    });

    it("counts identifiers and policies independently", async () => {
      const a = id("a");
      const b = id("b");
      for (let i = 0; i < 3; i++) await rateLimit(kv, steady, a);
      expect((await rateLimit(kv, steady, a)).ok).toBe(false);
      expect((await rateLimit(kv, steady, b)).ok).toBe(true);
      expect((await rateLimit(kv, { ...steady, name: "test-other" }, a)).ok).toBe(true);
    });

    it("starts over after resetRateLimit", async () => {
      const who = id("reset");
      for (let i = 0; i < 3; i++) await rateLimit(kv, steady, who);
      expect((await rateLimit(kv, steady, who)).ok).toBe(false);
      await resetRateLimit(kv, steady, who);
      const after = await rateLimit(kv, steady, who);
      expect(after.ok).toBe(true);
      expect(after.remaining).toBe(2);
    });

    it("allows again once the window has passed, without counting refused attempts", async () => {
      const who = id("window");
      expect((await rateLimit(kv, quick, who)).ok).toBe(true);
      expect((await rateLimit(kv, quick, who)).ok).toBe(true);
      const refused = await rateLimit(kv, quick, who);
      expect(refused.ok).toBe(false);
      for (let i = 0; i < 5; i++) expect((await rateLimit(kv, quick, who)).ok).toBe(false);
      // resetAt is when the next attempt fits; at most two windows away for a sliding window.
      const wait = refused.resetAt.getTime() - Date.now();
      expect(wait).toBeLessThanOrEqual(2 * quick.windowMs);
      await sleep(Math.max(0, wait) + 30);
      expect((await rateLimit(kv, quick, who)).ok).toBe(true);
      await sleep(2 * quick.windowMs + 50);
      const fresh = await rateLimit(kv, quick, who);
      expect(fresh).toMatchObject({ ok: true, remaining: 1 });
    });

    it("applies the named policies from the table", async () => {
      const who = id("sign-in");
      const { limit, windowMs } = rateLimitPolicies.signIn;
      for (let i = 0; i < limit; i++) expect((await rateLimit(kv, "signIn", who)).ok).toBe(true);
      const refused = await rateLimit(kv, "signIn", who);
      expect(refused.ok).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual((2 * windowMs) / 1000);
      await resetRateLimit(kv, "signIn", who);
      expect((await rateLimit(kv, "signIn", who)).ok).toBe(true);
    });

    it("rejects malformed policies", async () => {
      await expect(rateLimit(kv, { ...steady, limit: 0 }, "x")).rejects.toThrow(RangeError);
      await expect(rateLimit(kv, { ...steady, name: "has spaces" }, "x")).rejects.toThrow(RangeError);
      await expect(rateLimit(kv, "noSuchPolicy" as "signIn", "x")).rejects.toThrow(/Unknown rate-limit policy/);
    });
  });
}

describe("rate-limit policy table", () => {
  it("has unique names matching their keys and sane numbers", () => {
    for (const [key, policy] of Object.entries(rateLimitPolicies)) {
      expect(policy.name).toBe(key);
      expect(policy.limit).toBeGreaterThan(0);
      expect(policy.windowMs).toBeGreaterThanOrEqual(1000);
    }
  });
});

describeRateLimit("rate limit on the memory backend", (prefix) => createMemoryKv(prefix));

describe.skipIf(!TEST_REDIS_URL)(
  TEST_REDIS_URL
    ? `rate limit on the upstash backend → KV bridge → Redis (${TEST_REDIS_URL})`
    : "rate limit on the upstash backend → KV bridge → Redis [skipped: set REDIS_URL to run]",
  () => {
    const bridge = useKvBridge(TEST_REDIS_URL);
    describeRateLimit("bridge", (prefix) => createUpstashKv({ url: bridge().url, token: bridge().token, prefix }));
  },
);

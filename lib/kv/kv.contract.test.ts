import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KvError } from "./errors";
import { createMemoryKv } from "./memory";
import { sleep, TEST_REDIS_URL, TEST_UPSTASH, uniquePrefix, useKvBridge } from "./test-fixtures";
import type { Kv } from "./types";
import { createUpstashKv } from "./upstash";

type MakeKv = (prefix: string) => Kv;

/** The behaviour every Kv backend must share; run once per backend below. */
export function describeKvContract(name: string, makeKv: MakeKv): void {
  describe(name, () => {
    const label = name.replace(/[^\w]+/g, "-").slice(0, 20);
    const prefix = uniquePrefix(label);
    const otherPrefix = uniquePrefix(`${label}-b`);
    let kv: Kv;
    let other: Kv;

    beforeAll(() => {
      kv = makeKv(prefix);
      other = makeKv(otherPrefix);
    });
    afterAll(async () => {
      await kv?.clearNamespace();
      await other?.clearNamespace();
    });

    it("sets, gets, overwrites and deletes strings", async () => {
      expect(await kv.get("missing")).toBeNull();
      expect(await kv.set("a", "1")).toBe(true);
      expect(await kv.get("a")).toBe("1");
      expect(await kv.set("a", "2")).toBe(true);
      expect(await kv.get("a")).toBe("2");
      expect(await kv.del("a", "a", "never-set")).toBe(1);
      expect(await kv.get("a")).toBeNull();
      expect(await kv.del()).toBe(0);
      expect(kv.prefix).toBe(prefix);
    });

    it("NX writes only when the key is absent", async () => {
      expect(await kv.set("nx", "first", { nx: true })).toBe(true);
      expect(await kv.set("nx", "second", { nx: true })).toBe(false);
      expect(await kv.get("nx")).toBe("first");
      expect(await kv.set("nx-ttl", "x", { nx: true, ttlMs: 5_000 })).toBe(true);
      const pttl = await kv.pttl("nx-ttl");
      expect(pttl).toBeGreaterThan(4_000);
      expect(pttl).toBeLessThanOrEqual(5_000);
    });

    it("expires keys after their TTL", async () => {
      await kv.set("short", "v", { ttlMs: 150 });
      expect(await kv.get("short")).toBe("v");
      const pttl = await kv.pttl("short");
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(150);
      await sleep(250);
      expect(await kv.get("short")).toBeNull();
      expect(await kv.pttl("short")).toBe(-2);
      expect(await kv.set("short", "again", { nx: true })).toBe(true); // an expired key counts as absent
    });

    it("reports and changes TTLs like Redis", async () => {
      await kv.set("plain", "v");
      expect(await kv.pttl("plain")).toBe(-1);
      expect(await kv.ttl("plain")).toBe(-1);
      expect(await kv.ttl("nothing")).toBe(-2);
      expect(await kv.pexpire("nothing", 1_000)).toBe(false);
      expect(await kv.expire("plain", 10)).toBe(true);
      expect(await kv.ttl("plain")).toBe(10);
      expect(await kv.pexpire("plain", 150)).toBe(true);
      await kv.set("plain", "rewritten"); // SET without a TTL clears the old one
      expect(await kv.pttl("plain")).toBe(-1);
      expect(await kv.pexpire("plain", 0)).toBe(true); // a non-positive TTL deletes
      expect(await kv.get("plain")).toBeNull();
    });

    it("rejects invalid TTLs and increments the same way", async () => {
      await expect(kv.set("bad", "v", { ttlMs: 0 })).rejects.toBeInstanceOf(RangeError);
      await expect(kv.set("bad", "v", { ttlMs: 1.5 })).rejects.toBeInstanceOf(RangeError);
      await expect(kv.incrBy("bad", 0.5)).rejects.toBeInstanceOf(RangeError);
      await expect(kv.acquireLock("bad", "me", -1)).rejects.toBeInstanceOf(RangeError);
      expect(await kv.get("bad")).toBeNull();
    });

    it("increments atomically under 50 concurrent callers", async () => {
      const values = await Promise.all(Array.from({ length: 50 }, () => kv.incr("counter")));
      expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await kv.get("counter")).toBe("50");
      expect(await kv.incrBy("counter", -60)).toBe(-10);
      expect(await kv.incrBy("counter", 3)).toBe(-7);
    });

    it("sets the increment TTL only when the increment creates the key", async () => {
      expect(await kv.incr("window", { ttlMs: 400 })).toBe(1);
      await sleep(100);
      expect(await kv.incr("window", { ttlMs: 60_000 })).toBe(2);
      const pttl = await kv.pttl("window");
      expect(pttl).toBeGreaterThan(0);
      // Still the first TTL (400 ms), not the second one (60 s). A timer may fire a millisecond
      // early, so the 100 ms already spent is not subtracted here.
      expect(pttl).toBeLessThanOrEqual(400);
      await sleep(pttl + 100);
      expect(await kv.get("window")).toBeNull();
      expect(await kv.incr("window", { ttlMs: 60_000 })).toBe(1); // recreated, so it gets the new TTL
      expect(await kv.pttl("window")).toBeGreaterThan(59_000);

      await kv.set("forever", "5");
      expect(await kv.incr("forever", { ttlMs: 1_000 })).toBe(6);
      expect(await kv.pttl("forever")).toBe(-1);
    });

    it("refuses to increment a non-integer or a hash, with Redis's error", async () => {
      await kv.set("text", "abc");
      await expect(kv.incr("text")).rejects.toThrow(KvError);
      await expect(kv.incr("text")).rejects.toThrow(/^ERR value is not an integer or out of range$/);
      await kv.set("float", "1.5");
      await expect(kv.incrBy("float", 1)).rejects.toThrow(/not an integer/);
      await kv.hset("a-hash", { f: "v" });
      await expect(kv.incr("a-hash")).rejects.toThrow(/^WRONGTYPE/);
      await expect(kv.get("a-hash")).rejects.toThrow(/^WRONGTYPE/);
      await expect(kv.hget("text", "f")).rejects.toThrow(/^WRONGTYPE/);
      expect(await kv.get("text")).toBe("abc");
    });

    it("lets only the owner release or extend a lock", async () => {
      expect(await kv.acquireLock("lock", "owner-a", 5_000)).toBe(true);
      expect(await kv.acquireLock("lock", "owner-b", 5_000)).toBe(false);
      expect(await kv.releaseLock("lock", "owner-b")).toBe(false);
      expect(await kv.extendLock("lock", "owner-b", 60_000)).toBe(false);
      expect(await kv.get("lock")).toBe("owner-a");
      expect(await kv.extendLock("lock", "owner-a", 60_000)).toBe(true);
      expect(await kv.pttl("lock")).toBeGreaterThan(59_000);
      expect(await kv.releaseLock("lock", "owner-a")).toBe(true);
      expect(await kv.releaseLock("lock", "owner-a")).toBe(false);
      expect(await kv.acquireLock("lock", "owner-b", 5_000)).toBe(true);
    });

    it("frees a lock whose holder let it expire", async () => {
      expect(await kv.acquireLock("lease", "slow", 150)).toBe(true);
      await sleep(250);
      expect(await kv.extendLock("lease", "slow", 1_000)).toBe(false);
      expect(await kv.acquireLock("lease", "next", 1_000)).toBe(true);
      expect(await kv.releaseLock("lease", "slow")).toBe(false);
      expect(await kv.get("lease")).toBe("next");
    });

    it("grants a contended lock to exactly one of many callers", async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => kv.acquireLock("contended", `owner-${i}`, 5_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("stores hashes field by field", async () => {
      expect(await kv.hgetall("h-missing")).toEqual({});
      expect(await kv.hget("h-missing", "f")).toBeNull();
      expect(await kv.hset("h", { a: "1", b: "2" })).toBe(2);
      expect(await kv.hset("h", { b: "3", c: "4" })).toBe(1);
      expect(await kv.hset("h", {})).toBe(0);
      expect(await kv.hget("h", "b")).toBe("3");
      expect(await kv.hget("h", "zzz")).toBeNull();
      expect(await kv.hgetall("h")).toEqual({ a: "1", b: "3", c: "4" });
      expect(await kv.hdel("h", "a", "a", "nope")).toBe(1);
      expect(await kv.hdel("h")).toBe(0);
      expect(await kv.hgetall("h")).toEqual({ b: "3", c: "4" });

      await kv.pexpire("h", 60_000);
      await kv.hset("h", { d: "5" }); // HSET keeps the key's TTL
      expect(await kv.pttl("h")).toBeGreaterThan(59_000);

      expect(await kv.hdel("h", "b", "c", "d")).toBe(3);
      expect(await kv.pttl("h")).toBe(-2); // an emptied hash is gone
      const odd: Record<string, string> = Object.fromEntries([
        ["__proto__", "p"],
        ["constructor", "c"],
        ["", "empty"],
      ]);
      expect(await kv.hset("odd", odd)).toBe(3);
      expect(await kv.hgetall("odd")).toEqual(odd);
    });

    it("mget returns null for missing keys and for non-strings", async () => {
      await kv.set("m1", "one");
      await kv.set("m3", "three");
      await kv.hset("m-hash", { f: "v" });
      expect(await kv.mget(["m1", "m2", "m3", "m-hash", "m1"])).toEqual(["one", null, "three", null, "one"]);
      expect(await kv.mget([])).toEqual([]);
    });

    it("isolates instances with different prefixes", async () => {
      await kv.set("shared-name", "mine");
      expect(await other.get("shared-name")).toBeNull();
      await other.set("shared-name", "theirs");
      expect(await kv.get("shared-name")).toBe("mine");
      expect(await other.del("shared-name")).toBe(1);
      expect(await kv.get("shared-name")).toBe("mine");

      await other.set("only-other", "x");
      const before = await kv.get("shared-name");
      expect(await other.clearNamespace()).toBeGreaterThanOrEqual(1);
      expect(await other.get("only-other")).toBeNull();
      expect(await kv.get("shared-name")).toBe(before);
    });

    it("keeps unicode and look-alike values byte for byte", async () => {
      const values = [
        "héllo wörld — 日本語 👋🏽 \u{1F600}",
        "",
        "OK",
        "T0s=",
        "null",
        "123",
        "0012",
        "true",
        '{"json":[1,2,{"a":"b"}]}',
        'line\nbreak\ttab \\ backslash "quote"',
        "\u0000nul",
        "x".repeat(10_000),
      ];
      await Promise.all(values.map((value, i) => kv.set(`u:${i}`, value)));
      for (const [i, value] of values.entries()) expect(await kv.get(`u:${i}`)).toBe(value);
      expect(await kv.mget(values.map((_, i) => `u:${i}`))).toEqual(values);
      await kv.hset("u-hash", { "ключ 🔑": "значение", OK: "OK" });
      expect(await kv.hgetall("u-hash")).toEqual({ "ключ 🔑": "значение", OK: "OK" });
      await kv.set("ключ/🔑 with spaces", "ok");
      expect(await kv.get("ключ/🔑 with spaces")).toBe("ok");
    });
  });
}

describeKvContract("memory backend", (prefix) => createMemoryKv(prefix));

describe("memory backend store sharing", () => {
  it("shares one store between instances with the same prefix (separately bundled modules)", async () => {
    const prefix = uniquePrefix("shared");
    const first = createMemoryKv(prefix);
    const second = createMemoryKv(prefix);
    await first.set("k", "v");
    expect(await second.get("k")).toBe("v");
    await first.clearNamespace();
  });
});

describe.skipIf(!TEST_REDIS_URL)(
  TEST_REDIS_URL
    ? `upstash backend → KV bridge → Redis (${TEST_REDIS_URL})`
    : "upstash backend → KV bridge → Redis [skipped: set REDIS_URL to run]",
  () => {
    const bridge = useKvBridge(TEST_REDIS_URL);
    describeKvContract("bridge", (prefix) => createUpstashKv({ url: bridge().url, token: bridge().token, prefix }));
  },
);

// Real Upstash is a hosted service: the suite joins the run only where credentials are configured
// (the same client code path runs above against the bridge in front of a real Redis).
if (TEST_UPSTASH) {
  const upstash = TEST_UPSTASH;
  describe("upstash backend → Upstash", () => {
    describeKvContract("upstash", (prefix) => createUpstashKv({ ...upstash, prefix }));
  });
} else {
  console.info(
    "KV contract: real Upstash not configured (set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN to include it).",
  );
}

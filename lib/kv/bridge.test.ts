import { randomBytes } from "node:crypto";
import { Redis } from "@upstash/redis";
import { afterAll, describe, expect, it } from "vitest";
import { startKvBridge } from "./bridge";
import { encodeReply } from "./bridge-protocol";
import { TEST_REDIS_URL, uniquePrefix, useKvBridge } from "./test-fixtures";

describe("bridge reply encoding", () => {
  it("base64-encodes strings exactly where @upstash/redis decodes them", () => {
    expect(encodeReply(Buffer.from("OK"), true)).toBe("OK");
    expect(encodeReply(Buffer.from("héllo"), true)).toBe(Buffer.from("héllo").toString("base64"));
    expect(encodeReply([Buffer.from("OK"), 3, null, [Buffer.from("OK"), Buffer.from("x")]], true)).toEqual([
      Buffer.from("OK").toString("base64"),
      3,
      null,
      ["OK", Buffer.from("x").toString("base64")],
    ]);
    expect(encodeReply([Buffer.from("héllo"), 1], false)).toEqual(["héllo", 1]);
  });
});

describe.skipIf(!TEST_REDIS_URL)(
  TEST_REDIS_URL
    ? `KV bridge HTTP protocol (Redis ${TEST_REDIS_URL})`
    : "KV bridge HTTP protocol [skipped: set REDIS_URL to run]",
  () => {
    const bridge = useKvBridge(TEST_REDIS_URL);
    const prefix = uniquePrefix("bridge");
    const k = (name: string) => `${prefix}:${name}`;

    async function call(path: string, body: unknown, headers: Record<string, string> = {}, method = "POST") {
      const res = await fetch(`${bridge().url}${path}`, {
        method,
        headers: { authorization: `Bearer ${bridge().token}`, "content-type": "application/json", ...headers },
        body: method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: JSON.parse(text) as unknown };
    }

    afterAll(async () => {
      const raw = new Redis({ url: bridge().url, token: bridge().token, enableTelemetry: false });
      let cursor = "0";
      do {
        const [next, keys] = await raw.scan(cursor, { match: `${prefix}:*`, count: 500 });
        cursor = String(next);
        if (keys.length > 0) await raw.del(...keys);
      } while (cursor !== "0");
    });

    it("refuses requests without the right bearer token", async () => {
      const url = bridge().url;
      const body = JSON.stringify(["GET", k("x")]);
      expect((await fetch(url, { method: "POST", body })).status).toBe(401);
      expect((await fetch(url, { method: "POST", body, headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      expect((await fetch(url, { method: "POST", body, headers: { authorization: `Bearer ${bridge().token}x` } })).status).toBe(
        401,
      );
      expect((await fetch(url, { method: "POST", body, headers: { authorization: `Basic ${bridge().token}` } })).status).toBe(
        401,
      );
      const res = await fetch(url, { method: "POST", body, headers: { authorization: "Bearer wrong" } });
      expect(await res.json()).toEqual({ error: "Unauthorized" });
    });

    it("answers one command with { result }", async () => {
      expect(await call("/", ["SET", k("a"), "v", "PX", 60_000])).toEqual({ status: 200, json: { result: "OK" } });
      expect(await call("/", ["get", k("a")])).toEqual({ status: 200, json: { result: "v" } });
      expect(await call("/", ["GET", k("missing")])).toEqual({ status: 200, json: { result: null } });
      expect(await call("/", ["INCRBY", k("n"), 5])).toEqual({ status: 200, json: { result: 5 } });
      expect(await call("/", ["HSET", k("h"), "f", "1", "g", "2"])).toEqual({ status: 200, json: { result: 2 } });
      // A flat array, as Upstash returns it, not ioredis's object form.
      expect(await call("/", ["HGETALL", k("h")])).toEqual({ status: 200, json: { result: ["f", "1", "g", "2"] } });
    });

    it("encodes results as base64 when asked with Upstash-Encoding", async () => {
      await call("/", ["SET", k("b64"), "héllo 👋"]);
      const b64 = (s: string) => Buffer.from(s).toString("base64");
      expect((await call("/", ["GET", k("b64")], { "upstash-encoding": "base64" })).json).toEqual({ result: b64("héllo 👋") });
      expect((await call("/", ["SET", k("b64"), "x"], { "upstash-encoding": "base64" })).json).toEqual({ result: "OK" });
      expect((await call("/", ["MGET", k("b64"), k("none")], { "upstash-encoding": "base64" })).json).toEqual({
        result: [b64("x"), null],
      });
    });

    it("answers 400 with { error } for malformed bodies and Redis errors", async () => {
      expect(await call("/", "{not json")).toEqual({ status: 400, json: { error: expect.stringMatching(/^ERR .*JSON/) } });
      expect((await call("/", { cmd: "GET" })).status).toBe(400);
      expect((await call("/", [])).status).toBe(400);
      expect((await call("/", [["GET", "x"]])).status).toBe(400);
      expect((await call("/pipeline", ["GET", "x"])).status).toBe(400);
      await call("/", ["SET", k("text"), "abc"]);
      expect(await call("/", ["INCR", k("text")])).toEqual({
        status: 400,
        json: { error: "ERR value is not an integer or out of range" },
      });
      expect(await call("/", ["NOSUCHCOMMAND", "x"])).toEqual({
        status: 400,
        json: { error: expect.stringMatching(/^ERR unknown command/) },
      });
      expect(await call("/", ["GET"])).toEqual({
        status: 400,
        json: { error: expect.stringMatching(/^ERR wrong number of arguments/) },
      });
    });

    it("refuses commands that would block or change the shared connection", async () => {
      for (const command of [
        ["SUBSCRIBE", "c"],
        ["SELECT", "1"],
        ["MULTI"],
        ["BLPOP", k("l"), "0"],
        ["XREAD", "BLOCK", "0", "STREAMS", k("s"), "$"],
      ]) {
        expect(await call("/", command)).toEqual({
          status: 400,
          json: { error: expect.stringMatching(/not supported by the KV bridge/) },
        });
      }
      expect(await call("/", ["PING"])).toEqual({ status: 200, json: { result: "PONG" } });
    });

    it("runs /pipeline with one { result } or { error } per command", async () => {
      await call("/", ["SET", k("p-text"), "abc"]);
      const { status, json } = await call("/pipeline", [
        ["SET", k("p"), "1"],
        ["INCR", k("p")],
        ["INCR", k("p-text")],
        ["GET", k("p")],
      ]);
      expect(status).toBe(200);
      expect(json).toEqual([
        { result: "OK" },
        { result: 2 },
        { error: "ERR value is not an integer or out of range" },
        { result: "2" },
      ]);
    });

    it("runs /multi-exec as one transaction", async () => {
      const { status, json } = await call("/multi-exec", [
        ["SET", k("m"), "10"],
        ["INCRBY", k("m"), 5],
        ["HSET", k("m-h"), "a", "b"],
        ["HGETALL", k("m-h")],
      ]);
      expect(status).toBe(200);
      expect(json).toEqual([{ result: "OK" }, { result: 15 }, { result: 1 }, { result: ["a", "b"] }]);

      // A command refused while queueing aborts the whole transaction: nothing runs.
      const aborted = await call("/multi-exec", [["SET", k("m"), "99"], ["NOSUCHCOMMAND"]]);
      expect(aborted).toEqual({ status: 400, json: { error: expect.stringMatching(/^EXECABORT/) } });
      expect((await call("/", ["GET", k("m")])).json).toEqual({ result: "15" });
    });

    it("supports the path form with query options and a body value", async () => {
      expect(await call(`/set/${encodeURIComponent(k("path"))}/hello%20world?EX=100`, undefined, {}, "GET")).toEqual({
        status: 200,
        json: { result: "OK" },
      });
      expect(await call(`/get/${encodeURIComponent(k("path"))}`, undefined, {}, "GET")).toEqual({
        status: 200,
        json: { result: "hello world" },
      });
      expect((await call(`/ttl/${encodeURIComponent(k("path"))}`, undefined, {}, "GET")).json).toEqual({ result: 100 });
      expect(await call(`/set/${encodeURIComponent(k("path-body"))}`, "from the body")).toEqual({
        status: 200,
        json: { result: "OK" },
      });
      expect((await call(`/get/${encodeURIComponent(k("path-body"))}`, undefined, {}, "GET")).json).toEqual({
        result: "from the body",
      });
    });

    it("answers 413 to a body over the limit and 405 to other methods", async () => {
      const headers = { authorization: `Bearer ${bridge().token}` };
      const big = JSON.stringify(["SET", k("big"), "x".repeat(1024 * 1024 + 1)]);
      const declared = await fetch(bridge().url, { method: "POST", headers, body: big });
      expect(declared.status).toBe(413);
      expect(await declared.json()).toEqual({ error: expect.stringMatching(/larger than/) });

      // A streamed body declares no length; the limit still applies as it arrives.
      const chunks = Array.from({ length: 24 }, () => new Uint8Array(64 * 1024).fill(0x78));
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      });
      const streamed = await fetch(bridge().url, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit & {
        duplex: "half";
      });
      expect(streamed.status).toBe(413);
      expect((await call("/", ["EXISTS", k("big")])).json).toEqual({ result: 0 });

      expect((await fetch(bridge().url, { method: "PUT", headers, body: "[]" })).status).toBe(405);
    });

    it("serves a stock @upstash/redis client (base64, auto-pipelining, JSON values)", async () => {
      const client = new Redis({ url: bridge().url, token: bridge().token, enableTelemetry: false });
      await client.set(k("stock"), { hello: "wörld", n: [1, 2] });
      expect(await client.get(k("stock"))).toEqual({ hello: "wörld", n: [1, 2] });
      const [a, b, c] = await Promise.all([client.incr(k("stock-n")), client.incr(k("stock-n")), client.get(k("stock-missing"))]);
      expect([a, b].sort()).toEqual([1, 2]);
      expect(c).toBeNull();
      expect(await client.eval("return {'OK', ARGV[1], {'OK', ARGV[1]}}", [], ["💡"])).toEqual(["OK", "💡", ["OK", "💡"]]);
      const tx = client.multi();
      tx.set(k("stock-tx"), "OK");
      tx.get(k("stock-tx"));
      tx.hset(k("stock-h"), { f: "é" });
      tx.hgetall(k("stock-h"));
      expect(await tx.exec()).toEqual(["OK", "OK", 1, { f: "é" }]);
    });

    it("stops cleanly, and close() can be called twice", async () => {
      const extra = await startKvBridge({ redisUrl: TEST_REDIS_URL!, token: randomBytes(8).toString("hex") });
      const close = extra.close; // the launcher keeps it unbound
      await Promise.all([close(), close()]);
      await expect(fetch(extra.url, { method: "POST", body: "[]" })).rejects.toThrow();
    });

    it("fails to start with a clear error when Redis is unreachable", async () => {
      await expect(startKvBridge({ redisUrl: "redis://127.0.0.1:1", token: "t" })).rejects.toThrow(/cannot connect to Redis/);
    });
  },
);

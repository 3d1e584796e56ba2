import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { BodyTooLargeError, readLimitedNodeBody } from "../http/limit-body";
import {
  BridgeRequestError,
  type Command,
  encodeReply,
  parseCommandBody,
  parsePathCommand,
  parsePipelineBody,
} from "./bridge-protocol";

/**
 * An Upstash-REST-compatible HTTP bridge in front of a plain Redis, so @upstash/redis (and so the app's
 * one KV code path) works against self-hosted Redis: POST / (one command), /pipeline, /multi-exec,
 * path form /set/k/v, Bearer token auth, `Upstash-Encoding: base64` replies.
 */

export interface KvBridgeOptions {
  redisUrl: string;
  token: string;
  port?: number;
  host?: string;
  /** Largest accepted request body; larger ones get 413. */
  maxBodyBytes?: number;
}

export interface KvBridge {
  /** Base URL for UPSTASH_REDIS_REST_URL, e.g. http://127.0.0.1:43121 */
  url: string;
  token: string;
  /** Stops accepting requests and disconnects from Redis (safe to call unbound and twice). */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

type Reply = { result: unknown } | { error: string };

/** Digests make the comparison constant-time regardless of the presented token's length. */
function sameToken(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match?.[1] ?? null;
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === "ReplyError";
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

/** Reads the body up to `limit` bytes; beyond that it rejects with 413 before buffering more. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await readLimitedNodeBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new BridgeRequestError(413, `ERR request body larger than ${limit} bytes`);
    throw error;
  }
}

export async function startKvBridge(options: KvBridgeOptions): Promise<KvBridge> {
  const { redisUrl, token, port = 0, host = "127.0.0.1", maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;
  if (!token) throw new Error("startKvBridge: a non-empty token is required");

  // RESP2 because that is the reply shape Upstash's REST API (and so @upstash/redis) is built on.
  const redis = new Redis(redisUrl, {
    protocol: 2,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectionName: "deskgram-kv-bridge",
  });
  let warned = true; // a failed first connect is reported by the thrown error, not the log
  redis.on("ready", () => (warned = false));
  redis.on("error", (error: Error) => {
    // Requests already answer 503 while Redis is away; log once per outage, not once per retry.
    if (!warned) console.error(`KV bridge: Redis connection error: ${error.message}`);
    warned = true;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`KV bridge: cannot connect to Redis at ${redisUrl.replace(/\/\/[^@/]*@/, "//***@")}: ${errorText(error)}`);
  }

  /** Redis's own refusal → 400 `{error}` as Upstash answers; anything else (connection lost) → 503. */
  function failure(error: unknown): { status: number; body: { error: string } } {
    if (isReplyError(error)) return { status: 400, body: { error: error.message } };
    return { status: 503, body: { error: `ERR KV bridge cannot reach Redis: ${errorText(error)}` } };
  }

  function replyOf([error, result]: [Error | null, unknown], base64: boolean): Reply {
    return error ? { error: error.message } : { result: encodeReply(result, base64) };
  }

  async function runOne([name, ...args]: Command, base64: boolean): Promise<{ status: number; body: unknown }> {
    try {
      return { status: 200, body: { result: encodeReply(await redis.callBuffer(name, ...args), base64) } };
    } catch (error) {
      return failure(error);
    }
  }

  async function runPipeline(commands: Command[], base64: boolean, atomic: boolean): Promise<{ status: number; body: unknown }> {
    const batch = atomic ? redis.multi() : redis.pipeline();
    for (const [name, ...args] of commands) batch.callBuffer(name, ...args);
    try {
      const results = await batch.exec();
      if (!results) return { status: 400, body: { error: "EXECABORT Transaction discarded" } };
      return { status: 200, body: results.map((entry) => replyOf(entry, base64)) };
    } catch (error) {
      // EXECABORT: a command was refused while queueing; name the first reason, as redis-cli shows it.
      const previous = (error as { previousErrors?: unknown[] }).previousErrors?.[0];
      if (isReplyError(error) && previous) return { status: 400, body: { error: `${error.message} ${errorText(previous)}` } };
      return failure(error);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" && req.method !== "GET") {
      res.setHeader("allow", "GET, POST");
      throw new BridgeRequestError(405, "ERR only GET and POST are supported");
    }
    const presented = bearer(req);
    if (presented === null || !sameToken(presented, token)) throw new BridgeRequestError(401, "Unauthorized");
    const body = await readBody(req, maxBodyBytes);
    const url = new URL(req.url ?? "/", "http://bridge");
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";

    let outcome: { status: number; body: unknown };
    if (url.pathname === "/" && req.method === "POST") outcome = await runOne(parseCommandBody(body), base64);
    else if (url.pathname === "/pipeline" && req.method === "POST")
      outcome = await runPipeline(parsePipelineBody(body), base64, false);
    else if (url.pathname === "/multi-exec" && req.method === "POST")
      outcome = await runPipeline(parsePipelineBody(body), base64, true);
    else outcome = await runOne(parsePathCommand(url, body), base64);
    send(res, outcome.status, outcome.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof BridgeRequestError ? error.status : 500;
      // The rest of a refused body is not worth reading: answer, then drop the connection.
      if (status === 401 || status === 413) res.setHeader("connection", "close");
      send(res, status, { error: error instanceof BridgeRequestError ? error.message : `ERR ${errorText(error)}` });
      if (status === 401 || status === 413) req.resume();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    redis.disconnect();
    throw error;
  }

  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${address.port}`,
    token,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}

import { z } from "zod";

/** The Upstash REST wire format as the bridge speaks it: request parsing and reply encoding. */

export type Command = [name: string, ...args: string[]];

/** A request the bridge answers with an HTTP error status and `{ error }`. */
export class BridgeRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "BridgeRequestError";
  }
}

// @upstash/redis sends numbers and booleans unquoted; Redis only knows strings.
const argument = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const commandSchema = z.array(argument).min(1);
const pipelineSchema = z.array(commandSchema).min(1);

/**
 * Commands that would change or block the one connection every request shares
 * (subscriptions, transactions, database switch, blocking pops) or stop the server.
 */
const REFUSED = new Set([
  "SUBSCRIBE",
  "PSUBSCRIBE",
  "SSUBSCRIBE",
  "UNSUBSCRIBE",
  "PUNSUBSCRIBE",
  "SUNSUBSCRIBE",
  "MONITOR",
  "MULTI",
  "EXEC",
  "DISCARD",
  "WATCH",
  "UNWATCH",
  "SELECT",
  "SWAPDB",
  "QUIT",
  "RESET",
  "HELLO",
  "AUTH",
  "CLIENT",
  "BLPOP",
  "BRPOP",
  "BRPOPLPUSH",
  "BLMOVE",
  "BLMPOP",
  "BZPOPMIN",
  "BZPOPMAX",
  "BZMPOP",
  "WAIT",
  "WAITAOF",
  "SHUTDOWN",
  "DEBUG",
  "SYNC",
  "PSYNC",
  "REPLICAOF",
  "SLAVEOF",
  "FAILOVER",
]);

function toCommand(args: string[]): Command {
  const [name, ...rest] = args;
  // Upper case on purpose: ioredis applies reply transformers (HGETALL → object) only to lower-case names.
  const upper = (name ?? "").toUpperCase();
  const blocking = (upper === "XREAD" || upper === "XREADGROUP") && rest.some((a) => a.toUpperCase() === "BLOCK");
  if (REFUSED.has(upper) || blocking)
    throw new BridgeRequestError(400, `ERR command '${upper}' is not supported by the KV bridge`);
  return [upper, ...rest];
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new BridgeRequestError(400, "ERR failed to parse the request body as JSON");
  }
}

/** `POST /` body: one command as a JSON array, e.g. ["SET","k","v","PX","1000"]. */
export function parseCommandBody(body: Buffer): Command {
  const parsed = commandSchema.safeParse(parseJson(body));
  if (!parsed.success) throw new BridgeRequestError(400, "ERR the body must be a non-empty JSON array of strings or numbers");
  return toCommand(parsed.data);
}

/** `POST /pipeline` and `/multi-exec` body: a JSON array of command arrays. */
export function parsePipelineBody(body: Buffer): Command[] {
  const parsed = pipelineSchema.safeParse(parseJson(body));
  if (!parsed.success) throw new BridgeRequestError(400, "ERR the body must be a non-empty JSON array of command arrays");
  return parsed.data.map(toCommand);
}

/** Path form: `/set/k/v?EX=100` → SET k v EX 100; a non-empty body is appended as the last argument. */
export function parsePathCommand(url: URL, body: Buffer): Command {
  const segments = url.pathname.split("/").filter((s) => s !== "");
  let args: string[];
  try {
    args = segments.map((s) => decodeURIComponent(s));
  } catch {
    throw new BridgeRequestError(400, "ERR malformed percent-encoding in the path");
  }
  for (const [name, value] of url.searchParams) args.push(name, ...(value === "" ? [] : [value]));
  if (body.length > 0) args.push(body.toString("utf8"));
  if (args.length === 0) throw new BridgeRequestError(400, "ERR empty command");
  return toCommand(args);
}

function bytesOf(value: Buffer | string): Buffer {
  return typeof value === "string" ? Buffer.from(value, "utf8") : value;
}

/**
 * A Redis reply as JSON. With base64 on, strings are encoded exactly where @upstash/redis decodes them:
 * its decoder leaves a literal "OK" alone at even depths (the reply itself, items of nested arrays) and
 * decodes every string at odd depths (items of the top-level array), so "OK" is sent raw only where
 * it is left alone and every value round-trips unchanged.
 */
export function encodeReply(value: unknown, base64: boolean, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === "boolean") return value ? 1 : 0;
  if (Array.isArray(value)) return value.map((item: unknown) => encodeReply(item, base64, depth + 1));
  let bytes: Buffer;
  if (Buffer.isBuffer(value) || typeof value === "string") bytes = bytesOf(value);
  else if (value instanceof Error)
    bytes = Buffer.from(value.message, "utf8"); // an error nested in an array reply
  else return null;
  if (!base64) return bytes.toString("utf8");
  if (depth % 2 === 0 && bytes.length === 2 && bytes.toString("latin1") === "OK") return "OK";
  return bytes.toString("base64");
}

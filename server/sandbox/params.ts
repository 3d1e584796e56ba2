/**
 * The parameters of one Bot API call, from a query string, JSON, a urlencoded form or multipart
 * (where objects arrive JSON-encoded and files as parts), read the lenient way Telegram reads them.
 */
import type { IncomingMessage } from "node:http";
import { badRequest } from "./errors";
import { JSON_BODY_LIMIT, mediaType, readBody, UPLOAD_BODY_LIMIT } from "./http-io";
import { multipartBoundary, parseMultipart, type MultipartPart } from "./multipart";

/** A file parameter: an uploaded part, an existing file_id, or an HTTP URL. */
export type FileParam = { upload: MultipartPart } | { fileId: string } | { url: string };

export class BotApiParams {
  constructor(
    private readonly values: Record<string, unknown>,
    private readonly parts: Map<string, MultipartPart> = new Map(),
  ) {}

  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null && value !== "";
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw badRequest(`can't parse ${name} as string`);
  }

  int(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    const number =
      typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number)) throw badRequest(`invalid ${name} specified`);
    return number;
  }

  requiredInt(name: string): number {
    const value = this.int(name);
    if (value === undefined) throw badRequest(`${name} is empty`);
    return value;
  }

  bool(name: string): boolean {
    const value = this.values[name];
    return value === true || value === "true" || value === "1" || value === 1;
  }

  /** An object or array, given as such (JSON body) or JSON-encoded (forms). */
  json(name: string): unknown {
    const value = this.values[name];
    if (typeof value !== "string") return value ?? undefined;
    try {
      return JSON.parse(value);
    } catch {
      throw badRequest(`can't parse ${name} JSON object`);
    }
  }

  /** chat_id as a number, or an @username string. */
  chatId(name = "chat_id"): number | string {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") throw badRequest(`${name} is empty`);
    if (typeof value === "number") return value;
    if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value);
    if (typeof value === "string" && value.startsWith("@")) return value;
    throw badRequest("chat not found");
  }

  file(name: string): FileParam | undefined {
    const direct = this.parts.get(name);
    if (direct) return { upload: direct };
    const value = this.string(name);
    if (!value) return undefined;
    if (value.startsWith("attach://")) {
      const part = this.parts.get(value.slice("attach://".length));
      if (!part) throw badRequest(`there is no ${name} in the request`);
      return { upload: part };
    }
    return /^https?:\/\//i.test(value) ? { url: value } : { fileId: value };
  }
}

/** Parses query and body; the body wins for a name given twice. */
export async function readParams(req: IncomingMessage, url: URL): Promise<BotApiParams> {
  const values: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const type = mediaType(req);
  if (req.method !== "POST") return new BotApiParams(values);

  if (type === "multipart/form-data") {
    const boundary = multipartBoundary(req.headers["content-type"] ?? "");
    if (!boundary) throw badRequest("multipart boundary is missing");
    const body = await readBody(req, UPLOAD_BODY_LIMIT);
    let parts: MultipartPart[];
    try {
      parts = parseMultipart(body, boundary);
    } catch (error) {
      throw badRequest(`invalid multipart body: ${(error as Error).message}`);
    }
    const files = new Map<string, MultipartPart>();
    for (const part of parts) {
      if (part.filename !== undefined) files.set(part.name, part);
      else values[part.name] = part.data.toString("utf8");
    }
    return new BotApiParams(values, files);
  }

  const body = await readBody(req, JSON_BODY_LIMIT);
  if (body.length === 0) return new BotApiParams(values);
  if (type === "application/x-www-form-urlencoded") {
    return new BotApiParams({ ...values, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) });
  }
  // Telegram reads JSON whatever the content type says, as long as it parses.
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest("can't parse JSON object");
  return new BotApiParams({ ...values, ...(parsed as Record<string, unknown>) });
}

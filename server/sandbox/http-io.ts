/** Reading request bodies under a size limit and writing JSON answers, for both APIs. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readLimitedNodeBody } from "@/lib/http/limit-body";

export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_BODY_LIMIT = 20 * 1024 * 1024;

/** The whole body, or BodyTooLargeError as soon as it passes `limit` (checked on Content-Length first). */
export const readBody = readLimitedNodeBody;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
}

/**
 * Answers 413 and drops the connection: the rest of an oversized upload is not worth reading, and
 * `connection: close` tells the client not to reuse the socket.
 */
export function sendTooLarge(res: ServerResponse, body: unknown): void {
  sendJson(res, 413, body, { connection: "close" });
  res.on("finish", () => res.socket?.destroySoon());
}

/** The media type of a request, lower-cased, without parameters. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

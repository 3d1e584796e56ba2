import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const GENERATED_CODE_LENGTH = 8;

/**
 * A code nobody can guess from another one: 8 base62 characters (~47 bits) from the CSPRNG, drawn
 * without modulo bias (bytes ≥ 248 are thrown away).
 */
export function generateLinkCode(length = GENERATED_CODE_LENGTH): string {
  let code = "";
  while (code.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) code += BASE62[byte % 62];
      if (code.length === length) break;
    }
  }
  return code;
}

// Start payloads come from one pooled buffer: a fresh randomBytes() per click costs more than the rest of the payload.
const POOL_BYTES = 16 * 1024;
const PAYLOAD_BYTES = 16;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * The Start payload of one click: 16 random bytes as base64url (22 characters, within Telegram's
 * `[A-Za-z0-9_-]{1,64}`), so it identifies the click and cannot be guessed.
 */
export function newClickPayload(): string {
  if (offset + PAYLOAD_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const payload = pool.toString("base64url", offset, offset + PAYLOAD_BYTES);
  offset += PAYLOAD_BYTES;
  return payload;
}

import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decodeKey, env } from "../env";

const VERSION = "v1";

/** The key from ENCRYPTION_KEY; a clear message when it is missing (the launcher sets one on the embedded defaults). */
export function encryptionKey(value = env().ENCRYPTION_KEY): Buffer {
  const key = value ? decodeKey(value) : null;
  if (!key) throw new Error("ENCRYPTION_KEY is not set: bot tokens cannot be stored. See .env.example.");
  return key;
}

/** AES-256-GCM with a random 96-bit nonce: `v1.<nonce>.<ciphertext>.<tag>`, each part base64url. */
export function encryptSecret(plaintext: string, key: Buffer = encryptionKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Reverses encryptSecret; throws when the value was tampered with or the key is wrong. */
export function decryptSecret(sealed: string, key: Buffer = encryptionKey()): string {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || !iv || body === undefined || !tag) throw new Error("Not a sealed secret.");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time comparison of a presented secret with a stored SHA-256 hex digest. */
export function matchesSecretHash(presented: string | null | undefined, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(presented ?? ""), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b) && presented != null;
}

/** A random URL-safe secret (Telegram's secret_token allows A-Z a-z 0-9 _ -, up to 256 chars). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

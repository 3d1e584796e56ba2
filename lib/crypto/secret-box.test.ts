import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeKey } from "../env";
import { decryptSecret, encryptSecret, matchesSecretHash, randomSecret, sha256Hex } from "./secret-box";

const key = randomBytes(32);

describe("secret box", () => {
  it("round-trips and never repeats a ciphertext", () => {
    const token = "123456:ABC-def_ghi";
    const a = encryptSecret(token, key);
    const b = encryptSecret(token, key);
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(decryptSecret(a, key)).toBe(token);
  });

  it("refuses a tampered ciphertext and a wrong key", () => {
    const sealed = encryptSecret("secret", key);
    const parts = sealed.split(".");
    const body = Buffer.from(parts[2]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[2] = body.toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow();
    expect(() => decryptSecret("garbage", key)).toThrow("Not a sealed secret.");
  });

  it("compares webhook secrets against their hash", () => {
    const secret = randomSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hash = sha256Hex(secret);
    expect(matchesSecretHash(secret, hash)).toBe(true);
    expect(matchesSecretHash(`${secret}x`, hash)).toBe(false);
    expect(matchesSecretHash("", hash)).toBe(false);
    expect(matchesSecretHash(null, sha256Hex(""))).toBe(false);
  });

  it("accepts 32-byte keys in base64 or hex only", () => {
    expect(decodeKey(randomBytes(32).toString("base64"))).toHaveLength(32);
    expect(decodeKey(randomBytes(32).toString("hex"))).toHaveLength(32);
    expect(decodeKey(randomBytes(16).toString("base64"))).toBeNull();
    expect(decodeKey("not a key")).toBeNull();
  });
});

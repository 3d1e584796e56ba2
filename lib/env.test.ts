import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = { AUTH_SECRET: "x".repeat(32) };

describe("parseEnv", () => {
  it("fills in the embedded defaults", () => {
    expect(parseEnv(valid)).toMatchObject({ PORT: 3000, DATA_DIR: ".data", KV_PREFIX: "deskgram", TRUST_PROXY: false });
  });

  it("names every missing or malformed variable in one message", () => {
    const error = (() => {
      try {
        parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" });
      } catch (e) {
        return e as EnvError;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect(error!.message).toContain("AUTH_SECRET: is required");
    expect(error!.message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
    expect(error!.message).toContain("PORT: must be a port number from 1 to 65535");
  });

  it("requires both Upstash variables together", () => {
    expect(() => parseEnv({ ...valid, UPSTASH_REDIS_REST_URL: "https://x.upstash.io" })).toThrow(/set together/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ ...valid, DATABASE_URL: "", REDIS_URL: "" }).DATABASE_URL).toBeUndefined();
  });
});

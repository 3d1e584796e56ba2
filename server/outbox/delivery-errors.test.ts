import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifySendError, gaveUpReason } from "./delivery-errors";

const telegram = (error_code: number, description: string, parameters = {}) =>
  new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code, description, parameters }, "sendMessage", {});

describe("classifySendError", () => {
  it("names what a person can do about Telegram's refusals", () => {
    expect(classifySendError(telegram(403, "Forbidden: bot was blocked by the user"))).toEqual({
      kind: "permanent",
      reason: "The customer blocked the bot.",
    });
    expect(classifySendError(telegram(400, "Bad Request: chat not found"))).toEqual({
      kind: "permanent",
      reason: "Telegram says: chat not found",
    });
    expect(classifySendError(telegram(401, "Unauthorized"))).toMatchObject({
      kind: "permanent",
      reason: expect.stringMatching(/token/),
    });
    expect(classifySendError(telegram(403, "Forbidden: user is deactivated"))).toMatchObject({ kind: "permanent" });
  });

  it("tries again after a 429, a 5xx or a network error", () => {
    expect(classifySendError(telegram(429, "Too Many Requests: retry after 7", { retry_after: 7 }))).toMatchObject({
      kind: "transient",
      cause: "rate_limited",
      retryAfterMs: 7000,
    });
    expect(classifySendError(telegram(502, "Bad Gateway"))).toMatchObject({ kind: "transient", cause: "unreachable" });
    expect(
      classifySendError(new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNREFUSED"))),
    ).toMatchObject({
      kind: "transient",
      cause: "unreachable",
    });
    expect(gaveUpReason("unreachable", 5)).toBe("Could not reach Telegram after 5 attempts.");
  });
});

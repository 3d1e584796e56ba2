import { GrammyError, HttpError } from "grammy";

/** What a failed send means for the message: give up now with a reason, or try again later. */
export type SendFailure =
  | { kind: "permanent"; reason: string }
  | {
      kind: "transient";
      cause: "rate_limited" | "unreachable" | "unexpected";
      /** Shown while the message waits for its next attempt. */
      reason: string;
      /** Telegram's retry_after, when it gave one. */
      retryAfterMs?: number;
    };

export const BOT_DISCONNECTED = "The project's bot is disconnected.";

/** Telegram's descriptions start with the HTTP status text ("Bad Request: chat not found"). */
function telegramSays(description: string): string {
  const detail = description.replace(/^(Bad Request|Forbidden|Conflict|Unauthorized|Not Found):\s*/i, "").trim();
  return `Telegram says: ${detail || description}`;
}

/** Turns what grammY threw (after auto-retry gave up) into an outcome a person can act on. */
export function classifySendError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const code = error.error_code;
    if (code === 429) {
      const retryAfter = error.parameters.retry_after;
      return {
        kind: "transient",
        cause: "rate_limited",
        reason: "Telegram asked to slow down; sending again shortly.",
        ...(typeof retryAfter === "number" ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
    if (code === 401 || code === 404) {
      return {
        kind: "permanent",
        reason:
          "Telegram no longer accepts the bot's token (revoked in @BotFather?). Rotate the token in the project's settings.",
      };
    }
    if (code === 403) {
      if (/blocked/i.test(error.description)) return { kind: "permanent", reason: "The customer blocked the bot." };
      if (/deactivated/i.test(error.description))
        return { kind: "permanent", reason: "The customer deleted their Telegram account." };
      return { kind: "permanent", reason: telegramSays(error.description) };
    }
    if (code >= 500) {
      return { kind: "transient", cause: "unreachable", reason: `Telegram answered with an error (${code}); trying again.` };
    }
    return { kind: "permanent", reason: telegramSays(error.description) };
  }
  if (error instanceof HttpError) {
    return { kind: "transient", cause: "unreachable", reason: "Could not reach Telegram; trying again." };
  }
  return { kind: "transient", cause: "unexpected", reason: "Sending failed unexpectedly; trying again." };
}

/** The reason recorded when a transient failure happened once too often. */
export function gaveUpReason(cause: "rate_limited" | "unreachable" | "unexpected", attempts: number): string {
  switch (cause) {
    case "rate_limited":
      return "Telegram kept asking to slow down. Retry in a few minutes.";
    case "unreachable":
      return `Could not reach Telegram after ${attempts} attempts.`;
    case "unexpected":
      return `Sending failed after ${attempts} attempts (see the server log).`;
  }
}

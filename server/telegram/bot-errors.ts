import { GrammyError } from "grammy";
import { DomainError } from "@/server/errors";

/**
 * Whose token a failed call used: one the admin just pasted (they can copy it again) or the one
 * stored for a connected bot (it may have been revoked in @BotFather since).
 */
export type TokenSource = "pasted" | "stored";

export const UNREACHABLE_MESSAGE = "Could not reach the Telegram Bot API. Try again in a moment.";

/**
 * A Bot API failure as a message the admin can act on. Built only from Telegram's error code and
 * description, never from the request, so neither the token nor the webhook secret can leak into it.
 */
export function botApiFailure(error: unknown, source: TokenSource): DomainError {
  if (!(error instanceof GrammyError))
    return new DomainError("invalid", UNREACHABLE_MESSAGE, source === "pasted" ? { field: "token" } : {});
  if (error.error_code === 401 || error.error_code === 404) {
    return source === "pasted"
      ? new DomainError("invalid", "Telegram did not accept this token. Copy it again from @BotFather.", { field: "token" })
      : new DomainError(
          "invalid",
          "Telegram no longer accepts this bot's token (it may have been revoked in @BotFather). Rotate the token or disconnect the bot.",
        );
  }
  if (error.error_code === 429) {
    const wait = error.parameters.retry_after;
    return new DomainError(
      "rate_limited",
      `Telegram is limiting requests from this bot. Try again in ${wait ?? "a few"} seconds.`,
    );
  }
  if (error.method === "setWebhook" && error.error_code === 400) {
    return new DomainError(
      "invalid",
      `Telegram refused Deskgram's webhook address (${error.description}). APP_URL must be a public HTTPS address.`,
    );
  }
  return new DomainError("invalid", `Telegram answered "${error.description}". Try again in a moment.`);
}

/** Runs one Bot API call and turns its failure into a DomainError (see botApiFailure). */
export async function callBotApi<T>(source: TokenSource, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw botApiFailure(error, source);
  }
}

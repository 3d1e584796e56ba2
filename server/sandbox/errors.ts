/** Errors answered in Telegram's shape ({ok:false,error_code,description,parameters}) or by the control API. */

export class BotApiError extends Error {
  constructor(
    public readonly errorCode: number,
    public readonly description: string,
    public readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = "BotApiError";
  }
}

export function badRequest(detail: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${detail}`);
}

export const UNAUTHORIZED = () => new BotApiError(401, "Unauthorized");
export const NOT_FOUND = () => new BotApiError(404, "Not Found");
export const CHAT_NOT_FOUND = () => badRequest("chat not found");
export const BOT_BLOCKED = () => new BotApiError(403, "Forbidden: bot was blocked by the user");

/** What Telegram says for an error code when a fault does not bring its own description. */
export function defaultDescription(errorCode: number, retryAfter?: number): string {
  switch (errorCode) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden: bot was blocked by the user";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 429:
      return `Too Many Requests: retry after ${retryAfter ?? 1}`;
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    default:
      return `Error ${errorCode}`;
  }
}

/** A control API refusal: HTTP status plus a message a developer can act on. */
export class ControlError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ControlError";
  }
}

/** A request body above the limit: answered 413 by both APIs. */
export { BodyTooLargeError } from "@/lib/http/limit-body";

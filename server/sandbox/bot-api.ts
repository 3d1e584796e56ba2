/**
 * `POST|GET /bot<token>/<method>`: Telegram's Bot API as far as Deskgram uses it. Answers in Telegram's
 * shapes with the HTTP status equal to error_code; every call of a known bot goes to its call log.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxCore } from "./core";
import { BodyTooLargeError, BotApiError, NOT_FOUND, UNAUTHORIZED } from "./errors";
import { sendJson, sendTooLarge } from "./http-io";
import { takeFault } from "./faults";
import { findMethod } from "./methods";
import { Described } from "./methods/context";
import { readParams, type BotApiParams } from "./params";
import type { BotRecord } from "./state";
import { botForToken } from "./tokens";

/** The call log keeps the latest calls only, so a long-running demo does not grow without end. */
const CALL_LOG_LIMIT = 1000;

export function errorBody(error: BotApiError) {
  return {
    ok: false,
    error_code: error.errorCode,
    description: error.description,
    ...(error.parameters ? { parameters: error.parameters } : {}),
  };
}

function chatIdOf(params: BotApiParams | undefined): number | undefined {
  try {
    const chatId = params?.has("chat_id") ? params.chatId() : undefined;
    return typeof chatId === "number" ? chatId : undefined;
  } catch {
    return undefined;
  }
}

function logCall(core: SandboxCore, bot: BotRecord, method: string, params: BotApiParams | undefined, errorCode?: number): void {
  bot.calls.push({
    method,
    at: Date.now(),
    chatId: chatIdOf(params),
    ok: errorCode === undefined,
    ...(errorCode ? { errorCode } : {}),
  });
  if (bot.calls.length > CALL_LOG_LIMIT) bot.calls.splice(0, bot.calls.length - CALL_LOG_LIMIT);
  core.changed();
}

export async function handleBotApiCall(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  token: string,
  methodName: string,
): Promise<void> {
  const bot = botForToken(core.data, token);
  if (!bot) {
    req.resume();
    return sendJson(res, 401, errorBody(UNAUTHORIZED()));
  }
  const method = findMethod(methodName);
  let params: BotApiParams | undefined;
  try {
    if (!method) {
      req.resume();
      throw NOT_FOUND();
    }
    params = await readParams(req, url);
    const fault = takeFault(bot, method.name);
    if (fault) throw fault;
    const result = await method.handler({ core, bot, params });
    logCall(core, bot, method.name, params);
    const body =
      result instanceof Described ? { ok: true, result: result.result, description: result.description } : { ok: true, result };
    sendJson(res, 200, body);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      logCall(core, bot, method?.name ?? methodName, params, 413);
      return sendTooLarge(res, { ok: false, error_code: 413, description: "Request Entity Too Large" });
    }
    const answer = error instanceof BotApiError ? error : new BotApiError(500, "Internal Server Error");
    if (!(error instanceof BotApiError)) console.error(`[sandbox] ${methodName} failed:`, error);
    logCall(core, bot, method?.name ?? methodName, params, answer.errorCode);
    sendJson(res, answer.errorCode, errorBody(answer));
  }
}

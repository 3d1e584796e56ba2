import { Api } from "grammy";
import { env } from "@/lib/env";

export type BotApiOptions = {
  /** Bot API base URL; default TELEGRAM_API_ROOT (the real Bot API or a sandbox). */
  apiRoot?: string;
  /** Seconds before a call is abandoned (grammY's default is 500, far too long for a console request). */
  timeoutSeconds?: number;
};

/**
 * A grammY API client for one bot token. Callers add transformers (auto-retry, throttling) where
 * they need them; connection checks want a quick, plain answer.
 */
export function createBotApi(token: string, options: BotApiOptions = {}): Api {
  return new Api(token, {
    apiRoot: options.apiRoot ?? env().TELEGRAM_API_ROOT,
    timeoutSeconds: options.timeoutSeconds ?? 15,
  });
}

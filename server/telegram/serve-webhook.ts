import type { IncomingMessage, ServerResponse } from "node:http";
import { readLimitedNodeBody } from "@/lib/http/limit-body";
import { nodeHeaders, writeAnswer, writeFailure } from "@/lib/http/node-answer";
import { answerWebhook, type WebhookDeps } from "./handle-webhook";

const WEBHOOK_PATH = /^\/api\/telegram\/([^/?#]+)(?:\?|$)/;

/** The bot id a Telegram webhook delivery is for, or null when the request is not one (Next.js serves it then). */
export function webhookBotIdOf(req: Pick<IncomingMessage, "method" | "url">): string | null {
  if (req.method !== "POST") return null;
  return WEBHOOK_PATH.exec(req.url ?? "")?.[1] ?? null;
}

/**
 * Answers a Telegram webhook delivery straight from the Node server, without Next.js's routing
 * (server/runtime/direct-routes.ts). The same `answerWebhook` serves `app/api/telegram/[botId]/route.ts`
 * where Deskgram runs without this server.
 */
export async function serveTelegramWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  botId: string,
  deps: WebhookDeps = {},
): Promise<void> {
  try {
    writeAnswer(res, await answerWebhook({ headers: nodeHeaders(req), body: () => readLimitedNodeBody(req) }, botId, deps));
  } catch (error) {
    (deps.log ?? console.error)(
      `Telegram webhook ${botId}: answering failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    writeFailure(res);
  }
}

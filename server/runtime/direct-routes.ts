import type { IncomingMessage, ServerResponse } from "node:http";
import { linkCodeOf, serveLinkRedirect } from "@/server/links/serve-link-redirect";
import { serveTelegramWebhook, webhookBotIdOf } from "@/server/telegram/serve-webhook";

/**
 * The two public hot paths the Node server answers itself, before Next.js's router: diversion-link
 * visits and Telegram webhook deliveries. Each runs the same handler as its Next.js route (which
 * serves it where Deskgram is hosted without this server). True when the request was taken.
 */
export function serveDirectly(req: IncomingMessage, res: ServerResponse): boolean {
  const linkCode = linkCodeOf(req);
  if (linkCode !== null) {
    void serveLinkRedirect(req, res, linkCode);
    return true;
  }
  const botId = webhookBotIdOf(req);
  if (botId !== null) {
    void serveTelegramWebhook(req, res, botId);
    return true;
  }
  return false;
}

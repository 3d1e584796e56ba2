import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookDeps } from "@/server/telegram/handle-webhook";
import { serveTelegramWebhook, webhookBotIdOf } from "@/server/telegram/serve-webhook";

export type WebhookServer = {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  close(): Promise<void>;
  webhookUrl(botId: string): string;
};

/**
 * Serves POST /api/telegram/{botId} as `npm start` does (server/telegram/serve-webhook.ts), so tests
 * can let the Bot API sandbox (or any HTTP client) deliver webhooks without starting Next.js.
 */
export function startTelegramWebhookServer(
  deps: WebhookDeps = {},
  options: { port?: number; host?: string } = {},
): Promise<WebhookServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    const botId = webhookBotIdOf(req);
    if (botId === null) return void res.writeHead(404).end("Not found");
    void serveTelegramWebhook(req, res, botId, deps);
  });
  // Keep-alive sockets would hold close() open until they time out.
  server.keepAliveTimeout = 1_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      const url = `http://${host}:${(server.address() as AddressInfo).port}`;
      resolve({
        url,
        webhookUrl: (botId) => `${url}/api/telegram/${botId}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

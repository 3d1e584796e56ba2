import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { handleTelegramWebhook, type WebhookDeps } from "@/server/telegram/handle-webhook";

export type FetchHandler = (request: Request) => Promise<Response>;

export type WebhookServer = {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  close(): Promise<void>;
};

function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // Required by undici for a streamed request body.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * A plain node:http server in front of a fetch-style handler, so tests can let the Bot API sandbox
 * (or any HTTP client) reach a route's handler without starting Next.js.
 */
export function startWebhookServer(
  handler: FetchHandler,
  options: { port?: number; host?: string } = {},
): Promise<WebhookServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    const base = `http://${host}`;
    handler(toRequest(req, base))
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        console.error("webhook-server: the handler threw", error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  });
  // Keep-alive sockets would hold close() open until they time out.
  server.keepAliveTimeout = 1_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

const WEBHOOK_PATH = /^\/api\/telegram\/([^/]+)\/?$/;

/** Serves POST /api/telegram/{botId} with the real webhook handler, as the Next.js route does. */
export async function startTelegramWebhookServer(
  deps: WebhookDeps = {},
  options: { port?: number; host?: string } = {},
): Promise<WebhookServer & { webhookUrl(botId: string): string }> {
  const server = await startWebhookServer(async (request) => {
    const match = WEBHOOK_PATH.exec(new URL(request.url).pathname);
    if (!match || request.method !== "POST") return new Response("Not found", { status: 404 });
    return handleTelegramWebhook(request, decodeURIComponent(match[1]!), deps);
  }, options);
  return { ...server, webhookUrl: (botId) => `${server.url}/api/telegram/${botId}` };
}

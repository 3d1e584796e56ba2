/** For sandbox tests: a local HTTP server standing in for an app's webhook route, recording what arrives. */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";

export type ReceivedUpdate = { update: Update; headers: IncomingHttpHeaders; status: number };

export type WebhookReceiver = {
  url: string;
  received: ReceivedUpdate[];
  /** Decides the HTTP status for each request; default 200. */
  respondWith(status: (update: Update, attempt: number) => number): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedUpdate[] = [];
  let decide: (update: Update, attempt: number) => number = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const update = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update;
      const attempt = received.filter((r) => r.update.update_id === update.update_id).length + 1;
      const status = decide(update, attempt);
      received.push({ update, headers: req.headers, status });
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/telegram/hook`,
    received,
    respondWith: (status) => void (decide = status),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

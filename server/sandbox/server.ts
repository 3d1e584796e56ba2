/** startBotApiSandbox: one plain Node HTTP server for the Bot API, file downloads and the control API. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorBody, handleBotApiCall } from "./bot-api";
import { sandboxClient } from "./client";
import { handleControl } from "./control-api";
import type { SandboxCore } from "./core";
import { NOT_FOUND } from "./errors";
import { handleFileDownload } from "./file-download";
import { sendJson } from "./http-io";
import { stateSaver } from "./persistence";
import { emptyState } from "./state";
import { fileStateStore } from "./store-state-in-file";
import type { BotApiSandbox, StartBotApiSandboxOptions } from "./types";
import { DEFAULT_RETRY_DELAYS_MS, WebhookDelivery } from "./webhook-delivery";

function route(core: SandboxCore, req: IncomingMessage, res: ServerResponse): Promise<void> | void {
  const url = new URL(req.url ?? "/", "http://sandbox.invalid");
  if (url.pathname.startsWith("/sandbox/")) return handleControl(core, req, res, url);
  const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
  if (file) return handleFileDownload(core, req, res, decodeURIComponent(file[1]!), decodeURIComponent(file[2]!));
  const call = /^\/bot([^/]+)\/([A-Za-z0-9_]+)$/.exec(url.pathname);
  if (call) return handleBotApiCall(core, req, res, url, decodeURIComponent(call[1]!), call[2]!);
  req.resume();
  sendJson(res, 404, errorBody(NOT_FOUND()));
}

/** The URL clients use: a wildcard bind address is reached through loopback. */
function publicUrl(host: string, port: number): string {
  if (host === "0.0.0.0" || host === "") return `http://127.0.0.1:${port}`;
  if (host === "::") return `http://[::1]:${port}`;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export async function startBotApiSandbox(options: StartBotApiSandboxOptions = {}): Promise<BotApiSandbox> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const store = options.stateStore ?? (options.stateFile ? fileStateStore(options.stateFile) : undefined);
  const closeStore = async (error: unknown): Promise<never> => {
    await store?.close().catch(() => {});
    throw error;
  };
  const data = store ? await store.load(log).catch(closeStore) : emptyState();
  const saver = store ? stateSaver(store, () => data, log) : undefined;
  let closed = false;
  // After close nothing more is saved: a late request must not write into a folder a test removed.
  const state = { data, changed: () => void (closed || saver?.changed()) };
  const persist = async () => {
    if (!closed) await saver?.flush();
  };
  const delivery = new WebhookDelivery(state, {
    retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    timeoutMs: options.webhookTimeoutMs ?? 30_000,
  });
  const core: SandboxCore = { ...state, persist, delivery };

  const server = createServer((req, res) => {
    Promise.resolve(route(core, req, res)).catch((error) => {
      console.error("[sandbox] request failed:", error);
      sendJson(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch(closeStore);
  const url = publicUrl(host, (server.address() as AddressInfo).port);

  // Updates saved while no one was listening go out now.
  for (const bot of Object.values(data.bots)) if (bot.webhook.url && bot.pending.length) delivery.kick(bot.id);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      delivery.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await saver?.flush();
      closed = true;
      await store?.close();
    })());

  return { ...sandboxClient(url), url, close };
}

/** setWebhook, deleteWebhook, getWebhookInfo, and getUpdates for bots without a webhook. */
import type { Update, WebhookInfo } from "grammy/types";
import { BotApiError, badRequest } from "../errors";
import { isAllowed, updateKind } from "../webhook-delivery";
import { Described, type MethodContext } from "./context";

function allowedUpdatesParam({ params }: MethodContext): string[] | undefined {
  const value = params.json("allowed_updates");
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((kind) => typeof kind !== "string")) throw badRequest("can't parse allowed updates");
  return value as string[];
}

// Connecting a bot ends with setWebhook: it must survive a restart that comes right after.
export async function setWebhook(context: MethodContext): Promise<Described> {
  const { core, bot, params } = context;
  const url = params.string("url") ?? "";
  if (url === "") return deleteWebhook(context);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest("bad webhook: Failed to resolve host: Name or service not known");
  }
  // Telegram wants HTTPS; the sandbox also takes HTTP, since it calls apps on this machine.
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  const secretToken = params.string("secret_token");
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest("secret token contains unallowed characters");
  }
  const maxConnections = params.int("max_connections") ?? 40;
  if (maxConnections < 1 || maxConnections > 100) throw badRequest("bad webhook: max_connections must be between 1 and 100");
  const allowedUpdates = allowedUpdatesParam(context);

  const unchanged = bot.webhook.url === url && bot.webhook.secretToken === secretToken;
  bot.webhook = {
    ...bot.webhook,
    url,
    secretToken: secretToken || undefined,
    maxConnections,
    allowedUpdates: allowedUpdates ?? bot.webhook.allowedUpdates, // Telegram keeps the previous list when none is given
  };
  if (params.bool("drop_pending_updates")) core.delivery.dropPending(bot);
  core.changed();
  await core.persist();
  core.delivery.kick(bot.id);
  return new Described(true, unchanged ? "Webhook is already set" : "Webhook was set");
}

export async function deleteWebhook({ core, bot, params }: MethodContext): Promise<Described> {
  const wasSet = bot.webhook.url !== "";
  bot.webhook = { ...bot.webhook, url: "", secretToken: undefined };
  if (params.bool("drop_pending_updates")) core.delivery.dropPending(bot);
  core.changed();
  await core.persist();
  return new Described(true, wasSet ? "Webhook was deleted" : "Webhook is already deleted");
}

export function getWebhookInfo({ core, bot }: MethodContext): WebhookInfo {
  core.delivery.dropExpired(bot);
  const { webhook } = bot;
  const info: WebhookInfo = { url: webhook.url, has_custom_certificate: false, pending_update_count: bot.pending.length };
  if (webhook.lastErrorDate !== undefined) {
    info.last_error_date = webhook.lastErrorDate;
    info.last_error_message = webhook.lastErrorMessage;
  }
  if (webhook.url) {
    info.ip_address = "127.0.0.1";
    info.max_connections = webhook.maxConnections;
    if (webhook.allowedUpdates.length) info.allowed_updates = webhook.allowedUpdates as WebhookInfo["allowed_updates"];
  }
  return info;
}

/** Long polling: confirms updates below `offset`, answers what is pending, or waits up to `timeout` seconds for some. */
export async function getUpdates(context: MethodContext): Promise<Update[]> {
  const { core, bot, params } = context;
  if (bot.webhook.url) {
    throw new BotApiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const offset = params.int("offset");
  const limit = Math.min(Math.max(params.int("limit") ?? 100, 1), 100);
  const timeoutSeconds = Math.min(Math.max(params.int("timeout") ?? 0, 0), 50);
  const allowedUpdates = allowedUpdatesParam(context);
  if (allowedUpdates) bot.webhook.allowedUpdates = allowedUpdates;

  if (offset !== undefined && offset > 0) {
    const before = bot.pending.length;
    bot.pending = bot.pending.filter(({ update }) => update.update_id >= offset);
    if (bot.pending.length !== before) core.changed();
  }
  const available = () => {
    core.delivery.dropExpired(bot);
    bot.pending = bot.pending.filter(({ update }) => isAllowed(bot.webhook.allowedUpdates, updateKind(update)));
    const list = bot.pending.map(({ update }) => update);
    return offset !== undefined && offset < 0 ? list.slice(offset) : list;
  };
  if (available().length === 0 && timeoutSeconds > 0) await core.delivery.nextUpdate(bot.id, timeoutSeconds * 1000);
  // A webhook set while this call waited takes the updates over.
  return bot.webhook.url ? [] : available().slice(0, limit);
}

import type { Api } from "grammy";
import { decryptSecret, randomSecret, sha256Hex } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { DomainError } from "@/server/errors";
import { callBotApi, type TokenSource } from "./bot-errors";
import { createBotApi } from "@/lib/bot-api";

/** The update kinds Deskgram handles; Telegram then does not even send the others. */
export const ALLOWED_UPDATES = ["message", "edited_message"] as const;

/** Where Telegram delivers a connected bot's updates: the bots row id is the path. */
export function webhookUrlFor(botId: string, appUrl: string = env().APP_URL): string {
  return `${appUrl.replace(/\/+$/, "")}/api/telegram/${botId}`;
}

/** A fresh secret_token for a webhook; only its hash is stored, the secret itself goes to Telegram alone. */
export function newWebhookSecret(): { secret: string; hash: string } {
  const secret = randomSecret();
  return { secret, hash: sha256Hex(secret) };
}

/**
 * Points the bot's webhook at Deskgram with the given secret_token. Pending updates are kept, so
 * nothing a customer wrote while the bot was away is lost.
 */
export async function registerWebhook(
  api: Api,
  botId: string,
  secret: string,
  options: { source: TokenSource; appUrl?: string },
): Promise<void> {
  await callBotApi(options.source, () =>
    api.setWebhook(webhookUrlFor(botId, options.appUrl), {
      secret_token: secret,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    }),
  );
}

/** Stops Telegram delivering to Deskgram; updates wait at Telegram (about a day) until a webhook is set again. */
export async function removeWebhook(api: Api, source: TokenSource): Promise<void> {
  await callBotApi(source, () => api.deleteWebhook({ drop_pending_updates: false }));
}

/** removeWebhook that never throws, for leaving a bot behind: the answer says whether Telegram heard it. */
export async function removeWebhookBestEffort(api: Api | null): Promise<boolean> {
  if (!api) return false;
  try {
    await api.deleteWebhook({ drop_pending_updates: false });
    return true;
  } catch {
    return false;
  }
}

export type TelegramOptions = {
  /** Bot API base URL; default TELEGRAM_API_ROOT (tests point it at a sandbox or at a closed port). */
  apiRoot?: string;
  /** Deskgram's public address for webhooks; default APP_URL. */
  appUrl?: string;
};

/** A client for a connected bot, from its stored (encrypted) token. */
export function storedBotApi(tokenCiphertext: string, options: TelegramOptions = {}): Api {
  let token: string;
  try {
    token = decryptSecret(tokenCiphertext);
  } catch {
    // The key changed since the token was stored: pasting the token again re-encrypts it.
    throw new DomainError(
      "invalid",
      "This bot's token cannot be read with the current ENCRYPTION_KEY. Rotate the token: paste it again from @BotFather.",
    );
  }
  return createBotApi(token, { apiRoot: options.apiRoot });
}

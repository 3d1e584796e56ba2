/**
 * Bot tokens look like Telegram's (`<botId>:<35 characters>`). The secret half is an HMAC of the bot
 * id and token version, so no token is stored and a forged one cannot be guessed from the id.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { BotRecord, SandboxData } from "./state";

function tokenSecret(signingSecret: string, bot: Pick<BotRecord, "id" | "tokenVersion">): string {
  return createHmac("sha256", signingSecret).update(`${bot.id}:${bot.tokenVersion}`).digest("base64url").slice(0, 35);
}

export function tokenFor(data: SandboxData, bot: BotRecord): string {
  return `${bot.id}:${tokenSecret(data.signingSecret, bot)}`;
}

/** The bot a token belongs to, or undefined for a malformed, forged or revoked token. */
export function botForToken(data: SandboxData, token: string): BotRecord | undefined {
  const match = /^(\d{1,16}):([A-Za-z0-9_-]{35})$/.exec(token);
  if (!match) return undefined;
  const bot = data.bots[match[1]!];
  if (!bot) return undefined;
  const expected = Buffer.from(tokenSecret(data.signingSecret, bot));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? bot : undefined;
}

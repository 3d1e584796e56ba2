import { TELEGRAM_LIMITS } from "./telegram-limits";

/** A customer pressed Start: `/start`, `/start@bot_name`, or a deep link's `/start <payload>`. */
export type StartCommand = { payload: string | null };

const START = /^\/start(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/;
// Telegram's deep-link alphabet and length (https://core.telegram.org/bots/features#deep-linking).
const PAYLOAD = new RegExp(`^[A-Za-z0-9_-]{1,${TELEGRAM_LIMITS.startPayload}}$`);

/** The /start command in a message's text, or null. A payload outside Telegram's alphabet is ignored, not trusted. */
export function parseStartCommand(text: string | null | undefined): StartCommand | null {
  const match = text ? START.exec(text.trim()) : null;
  if (!match) return null;
  const payload = match[1]?.trim() ?? "";
  return { payload: PAYLOAD.test(payload) ? payload : null };
}

import { z } from "zod";
import { cutText, validOrDropped } from "./bound-text";
import { TELEGRAM_LIMITS as L } from "./telegram-limits";

/**
 * The parts of a Telegram Update that Deskgram reads. Objects are loose (unknown fields pass
 * through, Telegram adds new ones often); every string we store is cleaned and bounded here by
 * Telegram's own limits (telegram-limits.ts), so an update that passed the secret check is stored
 * and acknowledged, never refused by the database, and nothing oversized reaches it.
 */

// Telegram ids fit in 52 bits; zod's int() already refuses unsafe integers and floats.
const id = z.number().int();
const count = z.number().int().min(0);
// Unix seconds from 1970 up to the year 9999, so `new Date(date * 1000)` is always a valid date.
const unixTime = z.number().int().min(0).max(253_402_300_799);

export const telegramUserSchema = z.looseObject({
  id: id.positive(),
  is_bot: z.boolean().optional(),
  first_name: cutText(L.firstName),
  last_name: cutText(L.lastName).optional(),
  username: validOrDropped(L.username, /^[A-Za-z0-9_]+$/).optional(),
  language_code: validOrDropped(L.languageCode, /^[A-Za-z0-9-]+$/).optional(),
});

export const chatSchema = z.looseObject({
  id,
  type: z.string(),
});

const file = {
  file_id: validOrDropped(L.fileId),
  file_unique_id: validOrDropped(L.fileUniqueId).optional(),
  file_size: count.optional(),
};

const photoSizeSchema = z.looseObject({ ...file, width: count, height: count });

/** A video or an animation (GIF): the same fields. */
const moving = z.looseObject({
  ...file,
  width: count.optional(),
  height: count.optional(),
  duration: count.optional(),
  file_name: cutText(L.fileName).optional(),
  mime_type: validOrDropped(L.mimeType).optional(),
});

export const messageSchema = z.looseObject({
  message_id: id,
  from: telegramUserSchema.optional(),
  chat: chatSchema,
  date: unixTime,
  edit_date: unixTime.optional(),
  text: cutText(L.text).optional(),
  caption: cutText(L.caption).optional(),
  entities: z.array(z.looseObject({ type: z.string(), offset: count, length: count })).optional(),
  photo: z.array(photoSizeSchema).optional(),
  document: z
    .looseObject({ ...file, file_name: cutText(L.fileName).optional(), mime_type: validOrDropped(L.mimeType).optional() })
    .optional(),
  voice: z.looseObject({ ...file, duration: count.optional(), mime_type: validOrDropped(L.mimeType).optional() }).optional(),
  video: moving.optional(),
  audio: z
    .looseObject({
      ...file,
      duration: count.optional(),
      performer: cutText(L.label).optional(),
      title: cutText(L.label).optional(),
      file_name: cutText(L.fileName).optional(),
      mime_type: validOrDropped(L.mimeType).optional(),
    })
    .optional(),
  animation: moving.optional(),
  video_note: z.looseObject({ ...file, length: count.optional(), duration: count.optional() }).optional(),
  sticker: z
    .looseObject({ ...file, width: count.optional(), height: count.optional(), emoji: validOrDropped(L.emoji).optional() })
    .optional(),
  location: z.looseObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  venue: z.looseObject({ title: cutText(L.label).optional(), address: cutText(L.label).optional() }).optional(),
  contact: z
    .looseObject({
      phone_number: validOrDropped(L.phoneNumber),
      first_name: cutText(L.firstName),
      last_name: cutText(L.lastName).optional(),
      user_id: id.optional(),
    })
    .optional(),
  poll: z.looseObject({ question: cutText(L.pollQuestion).optional() }).optional(),
});

export const updateSchema = z.looseObject({
  update_id: z.number().int().min(0),
  message: messageSchema.optional(),
  edited_message: messageSchema.optional(),
});

export type TelegramUser = z.infer<typeof telegramUserSchema>;
export type TelegramMessage = z.infer<typeof messageSchema>;
export type TelegramUpdate = z.infer<typeof updateSchema>;

/** The update's kind: the name of its one payload field (message, callback_query …), as Telegram names it. */
export function updateKind(update: Record<string, unknown>): string {
  const field = Object.keys(update).find((key) => key !== "update_id");
  // Stored in a varchar(40) and used as a counter key: anything that is not a Telegram field name is "unknown".
  return field && /^[a-z_]{1,40}$/.test(field) ? field : "unknown";
}

import { z } from "zod";

/**
 * The parts of a Telegram Update that Deskgram reads. Objects are loose (unknown fields pass
 * through, Telegram adds new ones often); the fields we store are typed and bounded by their
 * columns, so a body that passed the secret check can never make the database refuse it.
 */

// PostgreSQL text and jsonb refuse U+0000 and lone surrogates (JSON can spell both); Telegram never sends them.
const text = z.string().transform((s) => s.replaceAll("\0", "").toWellFormed());
const boundedText = (max: number) => text.pipe(z.string().max(max));
// Telegram ids fit in 52 bits; zod's int() already refuses unsafe integers and floats.
const id = z.number().int();
const count = z.number().int().min(0);
// Unix seconds from 1970 up to the year 9999, so `new Date(date * 1000)` is always a valid date.
const unixTime = z.number().int().min(0).max(253_402_300_799);

export const telegramUserSchema = z.looseObject({
  id: id.positive(),
  is_bot: z.boolean().optional(),
  first_name: text,
  last_name: text.optional(),
  username: boundedText(64).optional(),
  language_code: boundedText(16).optional(),
});

export const chatSchema = z.looseObject({
  id,
  type: z.string(),
});

const file = {
  file_id: boundedText(1024),
  file_unique_id: boundedText(1024).optional(),
  file_size: count.optional(),
};

const photoSizeSchema = z.looseObject({ ...file, width: count, height: count });

/** A video or an animation (GIF): the same fields. */
const moving = z.looseObject({
  ...file,
  width: count.optional(),
  height: count.optional(),
  duration: count.optional(),
  file_name: text.optional(),
  mime_type: boundedText(255).optional(),
});

export const messageSchema = z.looseObject({
  message_id: id,
  from: telegramUserSchema.optional(),
  chat: chatSchema,
  date: unixTime,
  edit_date: unixTime.optional(),
  text: text.optional(),
  caption: text.optional(),
  entities: z.array(z.looseObject({ type: z.string(), offset: count, length: count })).optional(),
  photo: z.array(photoSizeSchema).optional(),
  document: z.looseObject({ ...file, file_name: text.optional(), mime_type: boundedText(255).optional() }).optional(),
  voice: z.looseObject({ ...file, duration: count.optional(), mime_type: boundedText(255).optional() }).optional(),
  video: moving.optional(),
  audio: z
    .looseObject({
      ...file,
      duration: count.optional(),
      performer: text.optional(),
      title: text.optional(),
      file_name: text.optional(),
      mime_type: boundedText(255).optional(),
    })
    .optional(),
  animation: moving.optional(),
  video_note: z.looseObject({ ...file, length: count.optional(), duration: count.optional() }).optional(),
  sticker: z.looseObject({ ...file, width: count.optional(), height: count.optional(), emoji: text.optional() }).optional(),
  location: z.looseObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  venue: z.looseObject({ title: text.optional(), address: text.optional() }).optional(),
  contact: z.looseObject({ phone_number: text, first_name: text, last_name: text.optional(), user_id: id.optional() }).optional(),
  poll: z.looseObject({ question: text.optional() }).optional(),
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

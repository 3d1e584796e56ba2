/** What the control API accepts; the client's input types are inferred from these. */
import { z } from "zod";

const telegramId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const caption = z.string().max(1024, "a caption has at most 1024 characters");

export const createBotSchema = z.strictObject({
  username: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{1,28}bot$/i, "a bot username is 5-32 letters, digits or _ and ends in 'bot'")
    .optional(),
  firstName: z.string().min(1).max(64).optional(),
});

const customerSchema = z.strictObject({
  id: telegramId,
  firstName: z.string().min(1).max(64).optional(),
  lastName: z.string().min(1).max(64).optional(),
  username: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{4,31}$/, "a username is 5-32 letters, digits or _")
    .optional(),
  languageCode: z.string().min(2).max(10).optional(),
});

const CONTENT_KINDS = ["text", "photo", "document", "voice", "video", "sticker", "location", "contact"] as const;

export const customerMessageSchema = z
  .strictObject({
    customer: customerSchema,
    text: z.string().min(1, "text must not be empty").max(4096, "a message has at most 4096 characters").optional(),
    photo: z.strictObject({ caption: caption.optional() }).optional(),
    document: z
      .strictObject({
        fileName: z.string().min(1).max(255),
        mimeType: z.string().min(3).max(255).optional(),
        content: z.string().max(1_000_000).optional(),
        caption: caption.optional(),
      })
      .optional(),
    voice: z.strictObject({ duration: z.number().int().min(1).max(3600).optional() }).optional(),
    video: z.strictObject({ caption: caption.optional() }).optional(),
    sticker: z.strictObject({ emoji: z.string().min(1).max(16).optional() }).optional(),
    location: z.strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
    contact: z.strictObject({ phoneNumber: z.string().min(3).max(32), firstName: z.string().min(1).max(64) }).optional(),
  })
  .refine((m) => CONTENT_KINDS.filter((k) => m[k] !== undefined).length === 1, {
    message: `give exactly one of ${CONTENT_KINDS.join(", ")}`,
  });

export const customerEditSchema = z.strictObject({
  customer: customerSchema,
  messageId: z.number().int().positive(),
  text: z.string().min(1, "text must not be empty").max(4096, "a message has at most 4096 characters"),
});

/** An Update without update_id (the sandbox numbers it), e.g. { callback_query: {...} }. */
export const rawUpdateSchema = z
  .record(z.string(), z.unknown())
  .refine((u) => !("update_id" in u), { message: "leave out update_id: the sandbox numbers updates" })
  .refine((u) => Object.keys(u).length === 1, { message: "an update has exactly one field, e.g. { callback_query: {...} }" });

export const faultSchema = z.strictObject({
  method: z.string().regex(/^(\*|[A-Za-z]{2,64})$/, "a Bot API method name such as sendMessage, or * for every method"),
  errorCode: z.number().int().min(400).max(599),
  description: z.string().min(1).max(500).optional(),
  retryAfter: z.number().int().min(1).max(3600).optional(),
  times: z.number().int().min(1).max(1000).optional(),
});

export const chatRefSchema = z.strictObject({ chatId: z.number().int().safe() });

export const groupSchema = z.strictObject({
  title: z.string().min(1).max(128),
  forum: z.boolean().optional(),
});

export type CustomerMessageInput = z.infer<typeof customerMessageSchema>;
export type CustomerEditInput = z.infer<typeof customerEditSchema>;
export type RawUpdateInput = z.infer<typeof rawUpdateSchema>;
export type FaultInput = z.infer<typeof faultSchema>;
export type GroupInput = z.infer<typeof groupSchema>;

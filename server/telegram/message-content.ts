import type { MessageMedia, messageKindEnum } from "@/db/schema";
import type { TelegramMessage } from "./update-schema";

export type MessageKind = (typeof messageKindEnum.enumValues)[number];

export type MessageContent = { kind: MessageKind; text: string | null; media: MessageMedia | null };

// Message fields that carry content Deskgram shows only by name (kind "other").
const OTHER_TYPES = [
  "poll",
  "dice",
  "game",
  "story",
  "invoice",
  "giveaway",
  "giveaway_winners",
  "paid_media",
  "checklist",
  "successful_payment",
  "web_app_data",
  "users_shared",
  "chat_shared",
  "write_access_allowed",
] as const;

// The file id is undefined when it could not be Telegram's (update-schema.ts): the message is kept, not downloadable.
function fileOf(f: { file_id?: string; file_unique_id?: string; file_size?: number }): MessageMedia {
  return { fileId: f.file_id, fileUniqueId: f.file_unique_id, fileSize: f.file_size };
}

/** A video's or an animation's file and dimensions. */
function movingMedia(m: NonNullable<TelegramMessage["video"]>): MessageMedia {
  return { ...fileOf(m), fileName: m.file_name, mimeType: m.mime_type, width: m.width, height: m.height, duration: m.duration };
}

/** What a customer's message holds, in the shape of the messages table: kind, text (or caption), media. */
export function messageContent(message: TelegramMessage): MessageContent {
  const caption = message.caption ?? null;
  if (message.text !== undefined) return { kind: "text", text: message.text, media: null };
  if (message.photo?.length) {
    // Telegram sends every size it made; the last one is the largest.
    const largest = message.photo[message.photo.length - 1]!;
    return { kind: "photo", text: caption, media: { ...fileOf(largest), width: largest.width, height: largest.height } };
  }
  // An animation also arrives as a document (for old clients), so it is checked first.
  if (message.animation) {
    return { kind: "animation", text: caption, media: movingMedia(message.animation) };
  }
  if (message.document) {
    const d = message.document;
    return { kind: "document", text: caption, media: { ...fileOf(d), fileName: d.file_name, mimeType: d.mime_type } };
  }
  if (message.voice) {
    const v = message.voice;
    return { kind: "voice", text: caption, media: { ...fileOf(v), mimeType: v.mime_type, duration: v.duration } };
  }
  if (message.video) {
    return { kind: "video", text: caption, media: movingMedia(message.video) };
  }
  if (message.audio) {
    const a = message.audio;
    const title = [a.performer, a.title].filter(Boolean).join(" — ");
    return {
      kind: "audio",
      text: caption ?? (title || null),
      media: { ...fileOf(a), fileName: a.file_name, mimeType: a.mime_type, duration: a.duration },
    };
  }
  if (message.video_note) {
    const v = message.video_note;
    return { kind: "video_note", text: null, media: { ...fileOf(v), duration: v.duration, width: v.length, height: v.length } };
  }
  if (message.sticker) {
    const s = message.sticker;
    return { kind: "sticker", text: null, media: { ...fileOf(s), emoji: s.emoji, width: s.width, height: s.height } };
  }
  if (message.location) {
    // A venue carries its location too; its name and address become the text.
    const venue = message.venue ? [message.venue.title, message.venue.address].filter(Boolean).join("\n") : "";
    const { latitude, longitude } = message.location;
    return { kind: "location", text: venue || null, media: { latitude, longitude } };
  }
  if (message.contact) {
    const c = message.contact;
    return {
      kind: "contact",
      text: null,
      media: { phoneNumber: c.phone_number, firstName: c.first_name, lastName: c.last_name },
    };
  }
  const telegramType = OTHER_TYPES.find((type) => message[type] !== undefined) ?? "unknown";
  return { kind: "other", text: message.poll?.question ?? caption, media: { telegramType } };
}

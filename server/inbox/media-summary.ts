import type { MessageMedia } from "@/db/schema";

/** The Bot API's getFile limit: bigger files cannot be downloaded through a bot. */
export const BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

const LABELS: Record<string, string> = {
  photo: "Photo",
  document: "File",
  voice: "Voice message",
  video: "Video",
  audio: "Audio",
  animation: "GIF",
  video_note: "Video message",
  sticker: "Sticker",
  location: "Location",
  contact: "Contact",
  other: "Unsupported message",
};

/**
 * What the console shows for a media message: its type and details, never Telegram's file ids
 * (the browser downloads through /api/files/{messageId}).
 */
export function mediaSummary(kind: string, media: MessageMedia | null) {
  if (kind === "text" || !media) return null;
  const tooBig = media.fileSize !== undefined && media.fileSize > BOT_API_DOWNLOAD_LIMIT;
  return {
    label:
      kind === "other" && media.telegramType
        ? `Unsupported message (${media.telegramType.replace(/_/g, " ")})`
        : (LABELS[kind] ?? kind),
    fileName: media.fileName ?? null,
    mimeType: media.mimeType ?? null,
    fileSize: media.fileSize ?? null,
    duration: media.duration ?? null,
    emoji: media.emoji ?? null,
    location:
      media.latitude !== undefined && media.longitude !== undefined
        ? { latitude: media.latitude, longitude: media.longitude }
        : null,
    contact: media.phoneNumber
      ? { phoneNumber: media.phoneNumber, name: [media.firstName, media.lastName].filter(Boolean).join(" ") || null }
      : null,
    /** A file the bot can fetch from Telegram for the agent. */
    downloadable: Boolean(media.fileId) && !tooBig,
    tooBig,
  };
}

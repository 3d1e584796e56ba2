/** The sandbox's file storage: every uploaded or generated file gets a file_id and a file_path, like Telegram's. */
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { MediaKind, SandboxData, StoredFile } from "./state";

// Telegram's file_ids start with a type marker; keeping them makes ids look familiar in logs.
const ID_PREFIX: Record<MediaKind, string> = { photo: "AgAC", document: "BQAC", voice: "AwAC", video: "BAAC", sticker: "CAAC" };
const FOLDER: Record<MediaKind, string> = {
  photo: "photos",
  document: "documents",
  voice: "voice",
  video: "videos",
  sticker: "stickers",
};
const DEFAULT_MIME: Record<MediaKind, string> = {
  photo: "image/jpeg",
  document: "application/octet-stream",
  voice: "audio/ogg",
  video: "video/mp4",
  sticker: "image/webp",
};

const MIME_BY_EXTENSION: Record<string, string> = {
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  mp4: "video/mp4",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  mp3: "audio/mpeg",
  zip: "application/zip",
};

export function mimeTypeForName(name: string | undefined): string | undefined {
  const extension = name ? path.extname(name).slice(1).toLowerCase() : "";
  return MIME_BY_EXTENSION[extension];
}

function extensionFor(kind: MediaKind, bytes: Buffer, fileName?: string): string {
  if (kind === "photo") return bytes.readUInt32BE(0) === 0x89504e47 ? "png" : "jpg";
  if (kind === "voice") return "oga";
  if (kind === "sticker") return "webp";
  const fromName = fileName ? path.extname(fileName).slice(1).toLowerCase() : "";
  return /^[a-z0-9]{1,8}$/.test(fromName) ? fromName : kind === "video" ? "mp4" : "dat";
}

export type NewFile = {
  botId: number;
  kind: MediaKind;
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
  width?: number;
  height?: number;
  duration?: number;
};

export function storeFile(data: SandboxData, input: NewFile): StoredFile {
  const number = data.nextFileNumber++;
  const fileId = `${ID_PREFIX[input.kind]}${randomBytes(30).toString("base64url")}`;
  const given = input.mimeType && input.mimeType !== "application/octet-stream" ? input.mimeType : undefined;
  const file: StoredFile = {
    fileId,
    fileUniqueId: `AQAD${randomBytes(9).toString("base64url")}`,
    botId: input.botId,
    kind: input.kind,
    filePath: `${FOLDER[input.kind]}/file_${number}.${extensionFor(input.kind, input.bytes, input.fileName)}`,
    size: input.bytes.length,
    mimeType:
      input.kind === "document" || input.kind === "video"
        ? (given ?? mimeTypeForName(input.fileName) ?? DEFAULT_MIME[input.kind])
        : DEFAULT_MIME[input.kind],
    fileName: input.fileName,
    width: input.width,
    height: input.height,
    duration: input.duration,
    dataBase64: input.bytes.toString("base64"),
  };
  data.files[fileId] = file;
  return file;
}

/** A file this bot may use, or undefined (another bot's file_id is unknown to it, as in Telegram). */
export function fileOfBot(data: SandboxData, botId: number, fileId: string): StoredFile | undefined {
  const file = data.files[fileId];
  return file && file.botId === botId ? file : undefined;
}

export function fileByPath(data: SandboxData, botId: number, filePath: string): StoredFile | undefined {
  return Object.values(data.files).find((file) => file.botId === botId && file.filePath === filePath);
}

/** Content type for a download, from the path (photos may be PNG or JPEG). */
export function downloadType(file: StoredFile): string {
  return mimeTypeForName(file.filePath) ?? file.mimeType;
}

/** sendPhoto, sendDocument, sendVoice, sendVideo and getFile. */
import type { File, Message } from "grammy/types";
import { badRequest } from "../errors";
import { fileOfBot } from "../files";
import { documentOf, photoSizes, resolveMedia, videoOf, voiceOf } from "../media";
import type { MediaKind } from "../state";
import type { MethodContext } from "./context";
import { captionOf } from "./formatted-text";
import { sendToChat, type MessageContent } from "./outgoing";

function sendMedia(kind: Exclude<MediaKind, "sticker">, context: MethodContext): Message {
  const { core, bot, params } = context;
  const caption = captionOf(params);
  const duration = params.int("duration");
  return sendToChat(context, () => {
    const file = resolveMedia(core.data, bot.id, kind, params.file(kind));
    if (duration !== undefined && (kind === "voice" || kind === "video")) file.duration ??= duration;
    const media: MessageContent =
      kind === "photo"
        ? { photo: photoSizes(core.data, file) }
        : kind === "document"
          ? { document: documentOf(file) }
          : kind === "voice"
            ? { voice: voiceOf(file) }
            : { video: videoOf(file) };
    return caption === undefined ? media : { ...media, caption };
  });
}

export const sendPhoto = (context: MethodContext) => sendMedia("photo", context);
export const sendDocument = (context: MethodContext) => sendMedia("document", context);
export const sendVoice = (context: MethodContext) => sendMedia("voice", context);
export const sendVideo = (context: MethodContext) => sendMedia("video", context);

export function getFile({ core, bot, params }: MethodContext): File {
  const fileId = params.string("file_id");
  if (!fileId) throw badRequest("file_id is empty");
  const file = fileOfBot(core.data, bot.id, fileId);
  if (!file) throw badRequest("invalid file_id");
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size, file_path: file.filePath };
}

/**
 * Text and captions as Telegram stores them. HTML markup is removed (so a transcript shows what the
 * customer reads); Markdown is kept apart from its escapes. Entities are not rebuilt: no test needs them.
 */
import { badRequest } from "../errors";
import type { BotApiParams } from "../params";

const HTML_ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'" };

function plainText(text: string, parseMode: string | undefined): string {
  if (parseMode === undefined || parseMode === "") return text;
  if (parseMode.toLowerCase() === "html") {
    return text
      .replace(/<\/?[a-z][a-z0-9-]*(\s[^>]*)?>/gi, "")
      .replace(/&(lt|gt|amp|quot|#39);/g, (entity) => HTML_ENTITIES[entity]!);
  }
  if (/^markdown(v2)?$/i.test(parseMode)) return text.replace(/\\([_*[\]()~`>#+\-=|{}.!\\])/g, "$1");
  throw badRequest(`unsupported parse_mode`);
}

/** sendMessage's and editMessageText's text: required, at most 4096 characters after parsing. */
export function messageText(params: BotApiParams): string {
  const text = plainText(params.string("text") ?? "", params.string("parse_mode"));
  if (text.trim() === "") throw badRequest("message text is empty");
  if (text.length > 4096) throw badRequest("message is too long");
  return text;
}

/** An optional caption (at most 1024 characters). */
export function captionOf(params: BotApiParams): string | undefined {
  const raw = params.string("caption");
  if (raw === undefined || raw === "") return undefined;
  const caption = plainText(raw, params.string("parse_mode"));
  if (caption.length > 1024) throw badRequest("message caption is too long");
  return caption;
}

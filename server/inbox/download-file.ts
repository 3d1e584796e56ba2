import { and, eq } from "drizzle-orm";
import { GrammyError } from "grammy";
import type { Database } from "@/db/client";
import { bots, messages, type MessageMedia } from "@/db/schema";
import { createBotApi } from "@/lib/bot-api";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { memberAccess } from "@/server/auth/member-access";
import { findMembership } from "@/server/workspaces/membership";
import { BOT_API_DOWNLOAD_LIMIT } from "./media-summary";

type Deps = {
  db: Database;
  userId: string | null;
  /** Bot API base URL; default TELEGRAM_API_ROOT. */
  apiRoot?: string;
  /** The browser's request signal: a cancelled download stops fetching from Telegram. */
  signal?: AbortSignal;
};

const NOT_FOUND = "File not found. It may belong to a conversation of another workspace.";
const TOO_BIG =
  "Telegram lets bots download files up to 20 MB, and this one is larger, so it cannot be downloaded through the bot.";

const problem = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** A name the browser may save the file under: the customer's own, or "<kind>-<id>.<extension from Telegram's path>". */
export function downloadName(kind: string, messageId: number, media: MessageMedia, filePath: string): string {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filePath)?.[1];
  const name = media.fileName ?? `${kind}-${messageId}${extension ? `.${extension}` : ""}`;
  return name.replace(/[\u0000-\u001f\u007f"\\/]/g, "_").slice(0, 200) || `file-${messageId}`;
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function contentType(media: MessageMedia, upstream: string | null): string {
  const valid = (value: string | null | undefined) => (value && /^[\w.+-]+\/[\w.+-]+$/.test(value) ? value : null);
  return valid(media.mimeType) ?? valid(upstream?.split(";")[0]?.trim()) ?? "application/octet-stream";
}

/** Why getFile failed, as an answer for the agent (never with the token or the file URL in it). */
function getFileFailure(error: unknown): Response {
  if (error instanceof GrammyError) {
    if (/too big/i.test(error.description)) return problem(404, TOO_BIG);
    if (error.error_code === 401 || error.error_code === 404) {
      return problem(502, "Telegram did not accept the bot's token. Rotate the token in Projects, then try again.");
    }
    return problem(404, "Telegram no longer has this file for the project's bot (was another bot connected since?).");
  }
  return problem(502, "Could not reach Telegram to fetch the file. Try again in a moment.");
}

/**
 * `GET /api/files/{messageId}`: streams a customer's file from Telegram to a member of the message's
 * workspace. The bot token stays on the server: the file is proxied, never redirected to.
 */
export async function downloadMessageFile(messageIdParam: string, { db, userId, apiRoot, signal }: Deps): Promise<Response> {
  if (!userId) return problem(401, "Sign in to download files.");
  if (!/^\d{1,15}$/.test(messageIdParam)) return problem(404, NOT_FOUND);
  const messageId = Number(messageIdParam);

  const [message] = await db
    .select({
      id: messages.id,
      workspaceId: messages.workspaceId,
      projectId: messages.projectId,
      kind: messages.kind,
      media: messages.media,
    })
    .from(messages)
    .where(eq(messages.id, messageId))
    .limit(1);
  const membership = message ? await findMembership(db, userId, { workspaceId: message.workspaceId }) : null;
  if (!message || !membership) return problem(404, NOT_FOUND);
  const inbox = (await memberAccess(db, membership)).access("inbox.view");
  if (!inbox.allowed) return problem(403, inbox.reason);
  const media = message.media;
  if (!media?.fileId) return problem(404, "This message has no file to download.");
  if (media.fileSize !== undefined && media.fileSize > BOT_API_DOWNLOAD_LIMIT) return problem(404, TOO_BIG);

  const [bot] = await db
    .select({ tokenCiphertext: bots.tokenCiphertext })
    .from(bots)
    .where(and(eq(bots.projectId, message.projectId), eq(bots.workspaceId, message.workspaceId)))
    .limit(1);
  if (!bot) {
    return problem(
      404,
      "The project's bot is disconnected, so this file cannot be fetched from Telegram. Connect the bot again in Projects.",
    );
  }

  const root = (apiRoot ?? env().TELEGRAM_API_ROOT).replace(/\/+$/, "");
  const token = decryptSecret(bot.tokenCiphertext);
  let filePath: string | undefined;
  try {
    const api = createBotApi(token, { apiRoot: root });
    // grammY types its signal with the abort-controller polyfill; the platform's AbortSignal is what it uses at run time.
    filePath = (await api.getFile(media.fileId, signal as Parameters<typeof api.getFile>[1])).file_path;
  } catch (error) {
    return getFileFailure(error);
  }
  if (!filePath) return problem(404, TOO_BIG);

  let upstream: Response;
  try {
    upstream = await fetch(`${root}/file/bot${token}/${filePath}`, { signal });
  } catch {
    return problem(502, "Could not reach Telegram to fetch the file. Try again in a moment.");
  }
  if (!upstream.ok || !upstream.body) {
    await upstream.body?.cancel();
    return problem(502, `Telegram did not send the file (it answered ${upstream.status}). Try again in a moment.`);
  }
  const headers = new Headers({
    "content-type": contentType(media, upstream.headers.get("content-type")),
    "content-disposition": contentDisposition(downloadName(message.kind, message.id, media, filePath)),
    "cache-control": "private, no-store",
    // A customer chose this file and its type: it must never run as a page of our origin.
    "content-security-policy": "sandbox; default-src 'none'",
    "x-content-type-options": "nosniff",
  });
  const length = upstream.headers.get("content-length");
  if (length) headers.set("content-length", length);
  return new Response(upstream.body, { status: 200, headers });
}

/** `GET /file/bot<token>/<file_path>`: the bytes of a file getFile described, like api.telegram.org serves them. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxCore } from "./core";
import { errorBody } from "./bot-api";
import { NOT_FOUND, UNAUTHORIZED } from "./errors";
import { downloadType, fileByPath } from "./files";
import { sendJson } from "./http-io";
import { botForToken } from "./tokens";

export function handleFileDownload(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  filePath: string,
): void {
  req.resume();
  const bot = botForToken(core.data, token);
  if (!bot) return sendJson(res, 401, errorBody(UNAUTHORIZED()));
  const file = req.method === "GET" || req.method === "HEAD" ? fileByPath(core.data, bot.id, filePath) : undefined;
  if (!file) return sendJson(res, 404, errorBody(NOT_FOUND()));
  const bytes = Buffer.from(file.dataBase64, "base64");
  res.writeHead(200, { "content-type": downloadType(file), "content-length": bytes.length });
  res.end(req.method === "HEAD" ? undefined : bytes);
}

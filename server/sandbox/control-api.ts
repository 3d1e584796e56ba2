/**
 * The control API under /sandbox/: plays the customer side and inspects what bots did. It has no
 * authentication on purpose: the sandbox is a development and test tool that binds to 127.0.0.1 by
 * default; never expose it on a public interface.
 *
 *   GET    /sandbox/health
 *   POST   /sandbox/bots                                  { username?, firstName? }
 *   GET    /sandbox/bots/:botId
 *   POST   /sandbox/bots/:botId/revoke-token
 *   POST   /sandbox/bots/:botId/customer-says[?wait=true]   { customer, text | photo | document | … }
 *   POST   /sandbox/bots/:botId/customer-edits[?wait=true]  { customer, messageId, text }
 *   POST   /sandbox/bots/:botId/updates[?wait=true]         { callback_query: {…} } (any update without update_id)
 *   GET    /sandbox/bots/:botId/chats
 *   GET    /sandbox/bots/:botId/chats/:chatId/transcript
 *   GET    /sandbox/bots/:botId/calls
 *   POST   /sandbox/bots/:botId/faults                      { method, errorCode, description?, retryAfter?, times? }
 *   POST   /sandbox/bots/:botId/blocks                      { chatId }
 *   DELETE /sandbox/bots/:botId/blocks/:chatId
 *   POST   /sandbox/bots/:botId/groups                      { title, forum? }
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { botOrThrow, botView, chatViews, createBot, createdView, transcriptOf } from "./bots";
import { createGroupChat } from "./chats";
import {
  chatRefSchema,
  createBotSchema,
  customerEditSchema,
  customerMessageSchema,
  faultSchema,
  groupSchema,
  rawUpdateSchema,
} from "./control-schemas";
import type { SandboxCore } from "./core";
import { customerEdits, customerSays, sendRawUpdate } from "./customer";
import { BodyTooLargeError, ControlError } from "./errors";
import { addFault } from "./faults";
import { JSON_BODY_LIMIT, readBody, sendJson, sendTooLarge } from "./http-io";

type Request = { core: SandboxCore; req: IncomingMessage; url: URL; match: RegExpExecArray };
type Route = { method: "GET" | "POST" | "DELETE"; path: RegExp; handle(request: Request): unknown };

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, JSON_BODY_LIMIT);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new ControlError(400, "the body is not valid JSON");
  }
}

async function input<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const result = schema.safeParse(await jsonBody(req));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
  );
  throw new ControlError(400, `invalid input: ${problems.join("; ")}`);
}

function id(text: string | undefined, what: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new ControlError(400, `${what} must be an integer`);
  return value;
}

const bot = ({ core, match }: Request) => botOrThrow(core.data, id(match[1], "bot id"));
const wantsWait = (url: URL) => /^(1|true)$/.test(url.searchParams.get("wait") ?? "");

const ROUTES: Route[] = [
  { method: "GET", path: /^\/sandbox\/health$/, handle: ({ core }) => ({ ok: true, bots: Object.keys(core.data.bots).length }) },
  {
    method: "POST",
    path: /^\/sandbox\/bots$/,
    async handle({ core, req }) {
      const created = createBot(core.data, await input(req, createBotSchema));
      core.changed();
      return createdView(core.data, created);
    },
  },
  { method: "GET", path: /^\/sandbox\/bots\/(-?\d+)$/, handle: (request) => botView(bot(request)) },
  {
    method: "POST",
    path: /^\/sandbox\/bots\/(-?\d+)\/revoke-token$/,
    handle(request) {
      const record = bot(request);
      record.tokenVersion++;
      request.core.changed();
      return createdView(request.core.data, record);
    },
  },
  {
    method: "POST",
    path: /^\/sandbox\/bots\/(-?\d+)\/customer-says$/,
    handle: async (request) =>
      customerSays(request.core, bot(request), await input(request.req, customerMessageSchema), wantsWait(request.url)),
  },
  {
    method: "POST",
    path: /^\/sandbox\/bots\/(-?\d+)\/customer-edits$/,
    handle: async (request) =>
      customerEdits(request.core, bot(request), await input(request.req, customerEditSchema), wantsWait(request.url)),
  },
  {
    method: "POST",
    path: /^\/sandbox\/bots\/(-?\d+)\/updates$/,
    handle: async (request) =>
      sendRawUpdate(request.core, bot(request), await input(request.req, rawUpdateSchema), wantsWait(request.url)),
  },
  { method: "GET", path: /^\/sandbox\/bots\/(-?\d+)\/chats$/, handle: (request) => chatViews(bot(request)) },
  {
    method: "GET",
    path: /^\/sandbox\/bots\/(-?\d+)\/chats\/(-?\d+)\/transcript$/,
    handle: (request) => transcriptOf(bot(request), id(request.match[2], "chat id")),
  },
  { method: "GET", path: /^\/sandbox\/bots\/(-?\d+)\/calls$/, handle: (request) => bot(request).calls },
  {
    method: "POST",
    path: /^\/sandbox\/bots\/(-?\d+)\/faults$/,
    async handle(request) {
      addFault(bot(request), await input(request.req, faultSchema));
      request.core.changed();
      return { ok: true };
    },
  },
  {
    method: "POST",
    path: /^\/sandbox\/bots\/(-?\d+)\/blocks$/,
    async handle(request) {
      const record = bot(request);
      const { chatId } = await input(request.req, chatRefSchema);
      const chat = record.chats[String(chatId)];
      if (!chat || chat.chat.type !== "private")
        throw new ControlError(404, `customer ${chatId} never wrote to bot ${record.id}`);
      chat.blocked = true;
      request.core.changed();
      return { ok: true };
    },
  },
  {
    method: "DELETE",
    path: /^\/sandbox\/bots\/(-?\d+)\/blocks\/(-?\d+)$/,
    handle(request) {
      const chat = bot(request).chats[String(id(request.match[2], "chat id"))];
      if (chat) chat.blocked = false;
      request.core.changed();
      return { ok: true };
    },
  },
  {
    method: "POST",
    path: /^\/sandbox\/bots\/(-?\d+)\/groups$/,
    async handle(request) {
      const record = bot(request);
      const { title, forum } = await input(request.req, groupSchema);
      const chat = createGroupChat(record, title, forum ?? true);
      request.core.changed();
      return { chatId: chat.chat.id };
    },
  },
];

export async function handleControl(core: SandboxCore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    const candidates = ROUTES.map((route) => ({ route, match: route.path.exec(url.pathname) })).filter((c) => c.match);
    const found = candidates.find((c) => c.route.method === req.method);
    if (!found) {
      req.resume();
      if (candidates.length) throw new ControlError(405, `${req.method} is not allowed on ${url.pathname}`);
      throw new ControlError(404, `no sandbox route ${req.method} ${url.pathname}`);
    }
    const result = await found.route.handle({ core, req, url, match: found.match! });
    // The control API creates bots, tokens and chats: durable before it answers, not a debounce later.
    if (req.method !== "GET") await core.persist();
    sendJson(res, 200, result ?? { ok: true });
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendTooLarge(res, { error: `the body is larger than ${error.limit} bytes` });
    if (error instanceof ControlError) return sendJson(res, error.status, { error: error.message });
    console.error("[sandbox] control request failed:", error);
    sendJson(res, 500, { error: "the sandbox failed on this request; see its log" });
  }
}

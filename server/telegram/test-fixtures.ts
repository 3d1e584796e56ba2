/** Builders for webhook tests: Telegram-shaped updates, requests to the handler, and row counts of one bot. */
import { randomInt } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { database } from "@/db/client";
import { contacts, messages, sessions, telegramUpdates, unhandledUpdateCounts } from "@/db/schema";
import { wakeRouting } from "@/server/routing/wake";
import type { seedConnectedProject } from "@/server/testing/seed-bot";
import { handleTelegramWebhook, SECRET_HEADER } from "./handle-webhook";

export type Seeded = Awaited<ReturnType<typeof seedConnectedProject>>;

let lastUpdateId = randomInt(1, 1_000_000);
let lastMessageId = randomInt(1, 1_000_000);
export const nextUpdateId = () => ++lastUpdateId;
export const nextMessageId = () => ++lastMessageId;

export type Customer = { id: number; first_name: string; last_name?: string; username?: string; language_code?: string };

/** A Telegram user unique to the test that asks for it. */
export function newCustomer(profile: Partial<Customer> = {}): Customer {
  return {
    id: randomInt(1, 2 ** 40),
    first_name: "Ada",
    last_name: "Lovelace",
    username: "ada",
    language_code: "en",
    ...profile,
  };
}

const now = () => Math.floor(Date.now() / 1000);

/** A private-chat message from `customer`; `fields` adds the content (text, photo, …). */
export function messageFrom(
  customer: Customer,
  fields: Record<string, unknown>,
  extra: { messageId?: number; date?: number } = {},
) {
  return {
    message_id: extra.messageId ?? nextMessageId(),
    from: { is_bot: false, ...customer },
    chat: { id: customer.id, type: "private", first_name: customer.first_name },
    date: extra.date ?? now(),
    ...fields,
  };
}

export function messageUpdate(
  customer: Customer,
  fields: Record<string, unknown>,
  extra: { messageId?: number; date?: number } = {},
) {
  return { update_id: nextUpdateId(), message: messageFrom(customer, fields, extra) };
}

export function textUpdate(customer: Customer, text: string, extra: { messageId?: number; date?: number } = {}) {
  return messageUpdate(customer, { text }, extra);
}

export function editUpdate(customer: Customer, messageId: number, fields: Record<string, unknown>, editDate = now()) {
  return { update_id: nextUpdateId(), edited_message: { ...messageFrom(customer, fields, { messageId }), edit_date: editDate } };
}

/** A POST to the webhook; `body` is sent as is when it is a string or bytes, as JSON otherwise. */
export function webhookRequest(
  body: unknown,
  options: { secret?: string | null; headers?: Record<string, string>; botId?: string } = {},
): Request {
  const headers = new Headers({ "content-type": "application/json", ...options.headers });
  if (options.secret) headers.set(SECRET_HEADER, options.secret);
  const payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  return new Request(`http://localhost/api/telegram/${options.botId ?? "x"}`, {
    method: "POST",
    headers,
    body: payload as BodyInit,
  });
}

/**
 * Delivers `body` to the seeded bot's webhook with its secret, as Telegram would. Routing runs only
 * with `route: true` (and is awaited then), so tests of ingestion see no assignment or queue message
 * appear in the background.
 */
export async function deliver(
  seed: Seeded,
  body: unknown,
  options: { secret?: string | null; route?: boolean } = {},
): Promise<Response> {
  const secret = options.secret === undefined ? seed.secret : options.secret;
  let routed: Promise<void> = Promise.resolve();
  const response = await handleTelegramWebhook(webhookRequest(body, { secret, botId: seed.bot.id }), seed.bot.id, {
    wake: (db, workspaceId, projectId) => (options.route ? (routed = wakeRouting(db, workspaceId, projectId)) : routed),
  });
  await routed;
  return response;
}

/** How many rows of each kind the seeded bot's project holds (messages: the customers', not the bot's or agents'). */
export async function storedRows(seed: Seeded) {
  const db = database();
  const [[updates], [contactRows], [sessionRows], [messageRows], [unhandled]] = await Promise.all([
    db.select({ n: count() }).from(telegramUpdates).where(eq(telegramUpdates.botTelegramId, seed.bot.telegramId)),
    db.select({ n: count() }).from(contacts).where(eq(contacts.projectId, seed.project.id)),
    db.select({ n: count() }).from(sessions).where(eq(sessions.projectId, seed.project.id)),
    db
      .select({ n: count() })
      .from(messages)
      .where(and(eq(messages.projectId, seed.project.id), eq(messages.author, "customer"))),
    db
      .select({ n: sql<number>`coalesce(sum(${unhandledUpdateCounts.count}), 0)::int` })
      .from(unhandledUpdateCounts)
      .where(eq(unhandledUpdateCounts.botTelegramId, seed.bot.telegramId)),
  ]);
  return {
    updates: updates!.n,
    contacts: contactRows!.n,
    sessions: sessionRows!.n,
    messages: messageRows!.n,
    unhandled: unhandled!.n,
  };
}

/** The project's messages, oldest first. */
export function projectMessages(seed: Seeded) {
  return database().select().from(messages).where(eq(messages.projectId, seed.project.id)).orderBy(messages.id);
}

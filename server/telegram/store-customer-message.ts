import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Tx } from "@/db/transaction";
import { previewOf } from "@/lib/message-preview";
import type { MessageContent } from "./message-content";
import type { TelegramUser } from "./update-schema";
import type { WebhookBot } from "./webhook-bot";

export type NewCustomerMessage = {
  /** Record the update in telegram_updates first and store nothing when it was already recorded; null when the caller did. */
  update: { id: number; kind: string } | null;
  from: TelegramUser;
  chatId: number;
  telegramMessageId: number;
  content: MessageContent;
  /** When Telegram says the message was written. */
  createdAt: Date;
  editedAt: Date | null;
  /** A valid /start payload: fills firstStartPayload once and lastStartPayload every time. */
  startPayload: string | null;
};

/**
 * Stores a customer's new message in ONE statement: dedup row, contact upsert (names, username and
 * language follow the profile), open-or-continue the session (the latest message, waiting for a
 * reply), and the message. On its own it is its own transaction, in one round trip: this is the
 * webhook's hot path, and on this machine every round trip to PostgreSQL costs more CPU than the
 * statement itself. Races are settled by the unique indexes: a second delivery of the update waits
 * for the first to commit and then inserts nothing; two updates of a new customer end with one
 * contact and one open session (ON CONFLICT on sessions_one_open_per_contact). A session opened by
 * this message also gets its first-response deadline (timers, due opened_at + the project's
 * first_response_minutes) in the same statement.
 *
 * Returns null when the update was a duplicate; `unassigned` says the session waits for an agent,
 * so the caller wakes routing after commit.
 */
export async function storeCustomerMessage(
  db: Database | Tx,
  bot: WebhookBot,
  input: NewCustomerMessage,
): Promise<{ messageId: number; sessionId: string; unassigned: boolean } | null> {
  const { from, content } = input;
  const workspaceId = sql`${bot.workspaceId}::uuid`;
  const projectId = sql`${bot.projectId}::uuid`;
  const payload = sql`${input.startPayload}::varchar`;
  const dedup = input.update
    ? sql`dedup as (
        insert into telegram_updates (bot_telegram_id, update_id, kind)
        values (${bot.telegramId}::bigint, ${input.update.id}::bigint, ${input.update.kind}::varchar)
        on conflict do nothing
        returning 1
      ),`
    : sql``;
  const onlyNew = input.update ? sql`where exists (select from dedup)` : sql``;

  const rows = await db.execute<{ id: string | number; session_id: string; unassigned: boolean }>(sql`
    with ${dedup}
    contact as (
      insert into contacts as c (workspace_id, project_id, telegram_user_id, first_name, last_name, username, language_code,
                                 first_start_payload, last_start_payload)
      select ${workspaceId}, ${projectId}, ${from.id}::bigint, ${from.first_name}::text, ${from.last_name ?? null}::text,
             ${from.username ?? null}::varchar, ${from.language_code ?? null}::varchar, ${payload}, ${payload}
      ${onlyNew}
      on conflict (project_id, telegram_user_id) do update set
        first_name = excluded.first_name,
        last_name = excluded.last_name,
        username = excluded.username,
        language_code = excluded.language_code,
        first_start_payload = coalesce(c.first_start_payload, excluded.first_start_payload),
        last_start_payload = coalesce(excluded.last_start_payload, c.last_start_payload),
        last_seen_at = now()
      returning id
    ),
    session as (
      insert into sessions as s (workspace_id, project_id, contact_id, chat_id, last_message_at, last_message_preview,
                                 last_message_author, awaiting_reply_since)
      select ${workspaceId}, ${projectId}, contact.id, ${input.chatId}::bigint, now(),
             ${previewOf(content.text, content.kind)}::varchar, 'customer', now()
      from contact
      on conflict (contact_id) where status = 'open' do update set
        last_message_at = now(),
        last_message_preview = excluded.last_message_preview,
        last_message_author = 'customer',
        awaiting_reply_since = coalesce(s.awaiting_reply_since, now())
      returning id, opened_at, assigned_user_id is null as unassigned, xmax = 0 as opened
    ),
    first_response as (
      insert into timers (workspace_id, kind, session_id, due_at)
      select ${workspaceId}, 'first_response', session.id, session.opened_at + make_interval(mins => p.first_response_minutes)
      from session join projects p on p.id = ${projectId}
      where session.opened
      on conflict on constraint timers_one_per_subject do nothing
    ),
    message as (
      insert into messages (workspace_id, project_id, session_id, chat_id, author, kind, text, media, telegram_message_id,
                            created_at, edited_at)
      select ${workspaceId}, ${projectId}, session.id, ${input.chatId}::bigint, 'customer', ${content.kind}::message_kind,
             ${content.text}::text, ${content.media ? JSON.stringify(content.media) : null}::jsonb,
             ${input.telegramMessageId}::bigint, ${input.createdAt.toISOString()}::timestamptz,
             ${input.editedAt?.toISOString() ?? null}::timestamptz
      from session
      returning id, session_id
    )
    select message.id, message.session_id, session.unassigned from message cross join session
  `);
  const row = rows[0];
  return row ? { messageId: Number(row.id), sessionId: row.session_id, unassigned: row.unassigned } : null;
}

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { projectColumn } from "./projects";
import { skillGroups } from "./team";
import { workspaceColumn } from "./workspaces";

/** A Telegram user who wrote to a project's bot. */
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    projectId: projectColumn(),
    telegramUserId: bigint("telegram_user_id", { mode: "number" }).notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name"),
    username: varchar("username", { length: 64 }),
    languageCode: varchar("language_code", { length: 16 }),
    /** The payload of the first /start this contact sent (attribution keeps the first touch)… */
    firstStartPayload: varchar("first_start_payload", { length: 64 }),
    /** …and of the latest one. */
    lastStartPayload: varchar("last_start_payload", { length: 64 }),
    /** The agent who last worked this customer's session (sticky routing). */
    lastAgentUserId: uuid("last_agent_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Attribution: the diversion-link click that first brought this customer (kept), and the latest one (link_clicks.id). */
    firstClickId: bigint("first_click_id", { mode: "number" }),
    lastClickId: bigint("last_click_id", { mode: "number" }),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contacts_project_user").on(t.projectId, t.telegramUserId),
    index("contacts_workspace").on(t.workspaceId),
    // Attribution backfill: a click written after its Start finds the contact by the payload.
    index("contacts_last_start_payload")
      .on(t.lastStartPayload)
      .where(sql`last_start_payload is not null`),
  ],
);

export const sessionStatusEnum = pgEnum("session_status", ["open", "closed"]);
export const messageAuthorEnum = pgEnum("message_author", ["customer", "agent", "bot"]);
export const messageKindEnum = pgEnum("message_kind", [
  "text",
  "photo",
  "document",
  "voice",
  "video",
  "audio",
  "animation",
  "video_note",
  "sticker",
  "location",
  "contact",
  "other",
]);
export const deliveryStateEnum = pgEnum("delivery_state", ["queued", "sending", "sent", "failed"]);

/** One customer's conversation with a project: open until closed; at most one open per contact. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    projectId: projectColumn(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** The Telegram chat replies go to (the customer's private chat with the bot). */
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    status: sessionStatusEnum("status").notNull().default("open"),
    openedAt: timestamp("opened_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** A short preview of the last message, for the session list. */
    lastMessagePreview: varchar("last_message_preview", { length: 200 }).notNull().default(""),
    lastMessageAuthor: messageAuthorEnum("last_message_author").notNull().default("customer"),
    /** When the oldest customer message no agent has answered yet arrived; null when answered. */
    awaitingReplySince: timestamp("awaiting_reply_since", { withTimezone: true, mode: "date" }),
    // Routing (server/routing). An open session is either assigned (assignedUserId) or waiting (queuedAt).
    /** The primary agent; null while the session waits in the project queue. */
    assignedUserId: uuid("assigned_user_id").references(() => users.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true, mode: "date" }),
    /** When the assigned agent first opened the session after assignment (else they are kicked out after the accept time). */
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    /** In the queue since (queue order); null while assigned or closed. New sessions start queued. */
    queuedAt: timestamp("queued_at", { withTimezone: true, mode: "date" }).defaultNow(),
    /** The last queue position the customer was told, so each position is announced at most once. */
    queueNotifiedPosition: integer("queue_notified_position"),
    /** A skill group the session must go to (set by a diversion link or a keyword). */
    skillGroupId: uuid("skill_group_id").references(() => skillGroups.id, { onDelete: "set null" }),
    /** The agent it was last transferred from and when (a transfer unanswered in 2 minutes goes back). */
    transferredFromUserId: uuid("transferred_from_user_id").references(() => users.id, { onDelete: "set null" }),
    transferredAt: timestamp("transferred_at", { withTimezone: true, mode: "date" }),
    /** First agent answer in this session; escalation watches sessions without one. */
    firstResponseAt: timestamp("first_response_at", { withTimezone: true, mode: "date" }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true, mode: "date" }),
    /** Pinned by its agent (shown on the Monitoring widget). */
    pinnedAt: timestamp("pinned_at", { withTimezone: true, mode: "date" }),
    closedByUserId: uuid("closed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Attribution: the diversion-link click (link_clicks.id) whose Start opened or touched this session. */
    clickId: bigint("click_id", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("sessions_one_open_per_contact")
      .on(t.contactId)
      .where(sql`status = 'open'`),
    index("sessions_workspace_recent").on(t.workspaceId, t.lastMessageAt),
    index("sessions_queue")
      .on(t.projectId, t.queuedAt)
      .where(sql`status = 'open' and assigned_user_id is null`),
    index("sessions_agent_open")
      .on(t.workspaceId, t.assignedUserId)
      .where(sql`status = 'open' and assigned_user_id is not null`),
  ],
);

/** Where a file lives on Telegram and what it is; coordinates and contact cards for those kinds. */
export type MessageMedia = {
  fileId?: string;
  fileUniqueId?: string;
  fileName?: string;
  mimeType?: string;
  fileSize?: number;
  width?: number;
  height?: number;
  duration?: number;
  emoji?: string;
  latitude?: number;
  longitude?: number;
  phoneNumber?: string;
  firstName?: string;
  lastName?: string;
  /** For kind "other": which Telegram field the message carried (poll, dice, venue…). */
  telegramType?: string;
};

export type MessageEdit = { text: string | null; editedAt: string };

/**
 * Every message of a session, both ways. Customer messages come from webhooks; agent and bot
 * messages are the outbox: stored queued first, then sent (delivery state and Telegram's id filled in).
 */
export const messages = pgTable(
  "messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceColumn(),
    projectId: projectColumn(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    author: messageAuthorEnum("author").notNull(),
    /** The agent who wrote it (agent messages only). */
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: messageKindEnum("kind").notNull().default("text"),
    /** The text, or the caption of a media message. */
    text: text("text"),
    media: jsonb("media").$type<MessageMedia>(),
    /** Telegram's message id: set on arrival for customer messages, once sent for outgoing ones. */
    telegramMessageId: bigint("telegram_message_id", { mode: "number" }),
    /** When Telegram says the message was written (customer) or it was stored (outgoing). */
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date" }),
    /** Earlier versions of an edited message, oldest first. */
    editHistory: jsonb("edit_history").$type<MessageEdit[]>().notNull().default([]),
    // Outbox (outgoing messages only)
    delivery: deliveryStateEnum("delivery"),
    deliveryError: text("delivery_error"),
    attempts: integer("attempts").notNull().default(0),
    /** When a sender claimed it; a claim older than the lease is taken over after a crash. */
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }),
    /** Not before this time (a 429's retry_after or the per-chat pace). */
    sendAfter: timestamp("send_after", { withTimezone: true, mode: "date" }),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    /** Set when a failed send was retried by an agent, so the log shows it. */
    retried: boolean("retried").notNull().default(false),
  },
  (t) => [
    index("messages_session").on(t.sessionId, t.id),
    index("messages_telegram").on(t.projectId, t.chatId, t.telegramMessageId),
    index("messages_outbox")
      .on(t.id)
      .where(sql`delivery in ('queued', 'sending')`),
  ],
);

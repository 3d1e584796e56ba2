import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { workspaceColumn } from "./workspaces";

/**
 * The Telegram bot connected to a project. `id` is the path of its webhook (/api/telegram/{id});
 * a new connection gets a new id, so a stale webhook of an old connection answers 404.
 * The token is stored only encrypted (lib/crypto/secret-box), the webhook secret only hashed.
 */
export const bots = pgTable(
  "bots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    projectId: uuid("project_id")
      .notNull()
      .unique("bots_project_unique")
      .references(() => projects.id, { onDelete: "cascade" }),
    /** Telegram's id of the bot (the part of the token before the colon). One project per bot, across all workspaces. */
    telegramId: bigint("telegram_id", { mode: "number" }).notNull().unique("bots_telegram_id_unique"),
    username: varchar("username", { length: 64 }).notNull(),
    firstName: text("first_name").notNull(),
    tokenCiphertext: text("token_ciphertext").notNull(),
    /** SHA-256 (hex) of the secret_token Telegram sends in X-Telegram-Bot-Api-Secret-Token. */
    webhookSecretHash: varchar("webhook_secret_hash", { length: 64 }).notNull(),
    connectedAt: timestamp("connected_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    tokenRotatedAt: timestamp("token_rotated_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("bots_workspace").on(t.workspaceId)],
);

/**
 * Dedup of webhook deliveries: Telegram retries an update until it gets a 2xx, so (bot, update_id)
 * is recorded in the same transaction as whatever the update stored. Keyed by Telegram's bot id, so
 * reconnecting the same bot keeps its history of seen updates.
 */
export const telegramUpdates = pgTable(
  "telegram_updates",
  {
    botTelegramId: bigint("bot_telegram_id", { mode: "number" }).notNull(),
    updateId: bigint("update_id", { mode: "number" }).notNull(),
    /** The update's field name: message, edited_message, callback_query … */
    kind: varchar("kind", { length: 40 }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.botTelegramId, t.updateId] })],
);

/** Updates of kinds Deskgram does not handle: counted per bot and kind, their content not stored. */
export const unhandledUpdateCounts = pgTable(
  "unhandled_update_counts",
  {
    botTelegramId: bigint("bot_telegram_id", { mode: "number" }).notNull(),
    kind: varchar("kind", { length: 40 }).notNull(),
    count: integer("count").notNull().default(0),
    lastAt: timestamp("last_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.botTelegramId, t.kind] })],
);

import { sql } from "drizzle-orm";
import { bigint, check, customType, integer, json, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";

/** Raw bytes; postgres.js reads and writes them as Buffers. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

// The Bot API sandbox's memory when DATABASE_URL is set (server/sandbox/store-state-in-database.ts).
// A dev and test stand-in for Telegram, not tenant data: no workspace scoping. Records are `json`,
// not `jsonb`, because jsonb refuses the \u0000 a customer's text may carry; they are validated on load.

/** One row: the secret that signs sandbox bot tokens, and the file counter. */
export const sandboxState = pgTable(
  "sandbox_state",
  {
    id: smallint("id").primaryKey().default(1),
    signingSecret: text("signing_secret").notNull(),
    nextFileNumber: integer("next_file_number").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [check("sandbox_state_single_row", sql`${t.id} = 1`)],
);

/** A sandbox bot with its webhook, chats, messages, pending updates, faults and call log. */
export const sandboxBots = pgTable("sandbox_bots", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  record: json("record").$type<unknown>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** A file a sandbox bot received or sent: written once, bytes apart so bot saves never rewrite them. */
export const sandboxFiles = pgTable("sandbox_files", {
  fileId: text("file_id").primaryKey(),
  botId: bigint("bot_id", { mode: "number" }).notNull(),
  record: json("record").$type<unknown>().notNull(),
  data: bytea("data").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { workspaceColumn } from "./workspaces";

export const projectStatusEnum = pgEnum("project_status", ["draft", "active", "inactive"]);

export const DEFAULT_WELCOME_MESSAGE = "Hi! Thanks for writing to us. Tell us how we can help and an agent will answer shortly.";

/**
 * One Telegram bot and its settings. Draft until a bot is connected; Active while its webhook
 * receives updates; Inactive when an admin pauses it (the bot stays connected, the webhook is removed).
 */
export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    name: varchar("name", { length: 30 }).notNull(),
    status: projectStatusEnum("status").notNull().default("draft"),
    /** Sent to a customer who presses Start (with or without a payload). */
    welcomeMessage: text("welcome_message").notNull().default(DEFAULT_WELCOME_MESSAGE),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("projects_workspace").on(t.workspaceId),
    index("projects_live")
      .on(t.workspaceId)
      .where(sql`archived_at is null`),
  ],
);

/** The project a row belongs to; rows go with their project. */
export function projectColumn() {
  return uuid("project_id")
    .notNull()
    .references(() => projects.id, { onDelete: "cascade" });
}

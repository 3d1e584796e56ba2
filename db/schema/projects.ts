import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { workspaceColumn } from "./workspaces";

export const projectStatusEnum = pgEnum("project_status", ["draft", "active", "inactive"]);

/** PRODUCT.md "Routing": exactly one rule per project. */
export const routingRuleEnum = pgEnum("routing_rule", ["round_robin", "online_first"]);
/** Which agents a project's sessions can go to. */
export const agentScopeEnum = pgEnum("agent_scope", ["all", "specific"]);
/** Strict rotation (longest since last assignment first) or least loaded (fewest open sessions first). */
export const routingStrategyEnum = pgEnum("routing_strategy", ["rotation", "least_loaded"]);

/** `{people}` becomes "1 person" / "3 people" ahead of the customer (`{position}`: just the number). */
export const DEFAULT_QUEUE_MESSAGE =
  "All our agents are busy right now. You have {people} ahead of you — we will answer as soon as we can.";

/** Sent instead of the queue message to the customer nobody is ahead of. */
export const DEFAULT_QUEUE_NEXT_MESSAGE =
  "All our agents are busy right now. You are next in line — we will answer as soon as we can.";

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
    // Routing settings (server/routing)
    routingRule: routingRuleEnum("routing_rule").notNull().default("round_robin"),
    agentScope: agentScopeEnum("agent_scope").notNull().default("all"),
    routingStrategy: routingStrategyEnum("routing_strategy").notNull().default("rotation"),
    /** A returning customer goes back to their last agent when that agent is eligible. */
    stickyCustomers: boolean("sticky_customers").notNull().default(true),
    /** Sent to a waiting customer with people ahead, at most once per position change. */
    queueMessage: text("queue_message").notNull().default(DEFAULT_QUEUE_MESSAGE),
    /** Sent instead to the waiting customer at the front of the queue. */
    queueNextMessage: text("queue_next_message").notNull().default(DEFAULT_QUEUE_NEXT_MESSAGE),
    /** Sessions of an agent who went Away/Offline are reassigned after this many minutes. */
    graceMinutes: integer("grace_minutes").notNull().default(5),
    /** An agent who does not open an assigned session within this many minutes is Kicked out. */
    acceptMinutes: integer("accept_minutes").notNull().default(3),
    /** A session whose customer waits this long for a first answer is escalated to supervisors. */
    firstResponseMinutes: integer("first_response_minutes").notNull().default(10),
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

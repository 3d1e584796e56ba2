import { sql } from "drizzle-orm";
import { bigint, index, pgTable, primaryKey, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { agentStatusEnum, roleEnum, statusCauseEnum, workspaceColumn } from "./workspaces";

/**
 * An invitation to join a workspace, by email or by Telegram username. Only the SHA-256 of the
 * link's token is stored; the link itself is shown once to whoever invited.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    /** Lower-cased; null for an invitation by Telegram username. */
    email: varchar("email", { length: 254 }),
    /** Without the @; null for an invitation by email. */
    telegramUsername: varchar("telegram_username", { length: 32 }),
    role: roleEnum("role").notNull(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull().unique(),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    acceptedByUserId: uuid("accepted_by_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("invitations_workspace").on(t.workspaceId, t.createdAt)],
);

/** Away reasons an admin added to the built-in ones (server/presence/away-reasons.ts). */
export const awayReasons = pgTable(
  "away_reasons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    label: varchar("label", { length: 60 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("away_reasons_workspace_label").on(t.workspaceId, sql`lower(${t.label})`)],
);

/** Every agent status change, with its cause: the Agent Status Log. Append-only. */
export const agentStatusLog = pgTable(
  "agent_status_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromStatus: agentStatusEnum("from_status").notNull(),
    toStatus: agentStatusEnum("to_status").notNull(),
    awayReason: varchar("away_reason", { length: 60 }),
    cause: statusCauseEnum("cause").notNull(),
    /** Who changed it when not the agent themself (a supervisor or admin); null for the agent or the system. */
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("agent_status_log_workspace").on(t.workspaceId, t.at), index("agent_status_log_user").on(t.userId, t.at)],
);

/**
 * A named group of agents. Routing can send a session to a group (skills: a diversion link or a
 * keyword sets it), and risk word groups can exempt a group ("agent groups" in PRODUCT.md).
 */
export const skillGroups = pgTable(
  "skill_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    name: varchar("name", { length: 40 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("skill_groups_workspace_name").on(t.workspaceId, sql`lower(${t.name})`)],
);

export const skillGroupMembers = pgTable(
  "skill_group_members",
  {
    workspaceId: workspaceColumn(),
    skillGroupId: uuid("skill_group_id")
      .notNull()
      .references(() => skillGroups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.skillGroupId, t.userId] }), index("skill_group_members_user").on(t.workspaceId, t.userId)],
);

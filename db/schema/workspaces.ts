import { boolean, index, integer, pgEnum, pgTable, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { ROLES } from "../../lib/access/roles";
import { users } from "./auth";

export const planEnum = pgEnum("plan", ["trial", "standard", "pro"]);
// The role list is a plain module so client code can use it without pulling in the schema.
export const roleEnum = pgEnum("member_role", ROLES);
/** PRODUCT.md "Agent status". Only Available agents under capacity receive new sessions (outside the round-robin fallback). */
export const agentStatusEnum = pgEnum("agent_status", [
  "available",
  "busy",
  "away",
  "not_ready",
  "finishing",
  "kicked_out",
  "offline",
]);
/** Why a status changed: the agent (manual), a supervisor/admin (admin), the idle timeout, capacity, lost presence, or the system (kick-out, finishing done, removal). */
export const statusCauseEnum = pgEnum("status_cause", ["manual", "admin", "idle", "capacity", "presence", "system"]);
export const subscriptionStatusEnum = pgEnum("subscription_status", ["active", "canceled", "expired"]);

/** The tenant: every row of business data belongs to exactly one workspace. */
export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: varchar("name", { length: 60 }).notNull(),
  slug: varchar("slug", { length: 48 }).notNull().unique(),
  plan: planEnum("plan").notNull().default("trial"),
  trialEndsAt: timestamp("trial_ends_at", { withTimezone: true, mode: "date" }).notNull(),
  /** An agent with no console activity for this long goes Away (PRODUCT.md: default 15 min). */
  idleTimeoutMinutes: integer("idle_timeout_minutes").notNull().default(15),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** The tenant column every business table carries; rows go with their workspace. */
export function workspaceColumn() {
  return uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });
}

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    /** Most sessions this member works at once; at it they are Busy automatically. */
    capacity: integer("capacity").notNull().default(5),
    /** Permission: may transfer their sessions to another agent. */
    mayTransfer: boolean("may_transfer").notNull().default(true),
    /** Permission (agents): may see every session, not only their own and the queue. Supervisors and up always may. */
    mayViewAll: boolean("may_view_all").notNull().default(false),
    /** Agent status (seat roles only; marketers stay offline and are never routed to). */
    status: agentStatusEnum("status").notNull().default("offline"),
    /** The Away reason's label ("Lunch break", or one an admin added); null for other statuses. */
    awayReason: varchar("away_reason", { length: 60 }),
    statusCause: statusCauseEnum("status_cause").notNull().default("system"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** When routing last gave this member a session: round robin takes the longest-waiting agent first. */
    lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [unique("memberships_workspace_user").on(t.workspaceId, t.userId), index("memberships_user").on(t.userId)],
);

/** A paid period of a plan. The trial lives on the workspace; paid plans are valid while a period is active. */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    plan: planEnum("plan").notNull(),
    /** Seats bought (Standard comes with 3 or 5). */
    seats: integer("seats").notNull(),
    status: subscriptionStatusEnum("status").notNull().default("active"),
    periodStart: timestamp("period_start", { withTimezone: true, mode: "date" }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("subscriptions_workspace").on(t.workspaceId, t.periodEnd)],
);

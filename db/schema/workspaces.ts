import { index, integer, pgEnum, pgTable, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const planEnum = pgEnum("plan", ["trial", "standard", "pro"]);
export const roleEnum = pgEnum("member_role", ["owner", "admin", "supervisor", "agent", "marketer"]);
export const subscriptionStatusEnum = pgEnum("subscription_status", ["active", "canceled", "expired"]);

/** The tenant: every row of business data belongs to exactly one workspace. */
export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: varchar("name", { length: 60 }).notNull(),
  slug: varchar("slug", { length: 48 }).notNull().unique(),
  plan: planEnum("plan").notNull().default("trial"),
  trialEndsAt: timestamp("trial_ends_at", { withTimezone: true, mode: "date" }).notNull(),
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

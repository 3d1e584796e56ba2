import { sql } from "drizzle-orm";
import { bigint, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { SESSION_LOG_KINDS } from "../../lib/session-log-kinds";
import { users } from "./auth";
import { sessions } from "./inbox";
import { projectColumn } from "./projects";
import { workspaceColumn } from "./workspaces";

/** The agents a project with agent scope "specific" routes to. */
export const projectAgents = pgTable(
  "project_agents",
  {
    workspaceId: workspaceColumn(),
    projectId: projectColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] })],
);

/**
 * What happened to a session and why: the allocation history and the audit's session log.
 * - assigned / queued: a routing decision (rule, strategy, candidate count, reason);
 * - reassigned / taken_over / transferred: a person moved it (actor, from, to, note);
 * - returned: back to the queue (member removed, grace period, kicked out, transfer timeout);
 * - accepted: the assigned agent opened it; escalated: first-response threshold passed;
 * - closed / reopened.
 * Append-only.
 */
export const sessionLogKindEnum = pgEnum("session_log_kind", SESSION_LOG_KINDS);

export const sessionLog = pgTable(
  "session_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceColumn(),
    projectId: projectColumn(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    kind: sessionLogKindEnum("kind").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Routing decisions: "round_robin" / "online_first" / "online_first→round_robin" (fallback), "sticky", "manual". */
    rule: varchar("rule", { length: 40 }),
    /** Routing decisions: how many agents were eligible. */
    candidates: integer("candidates"),
    /** Who did it; null when the system did. */
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    fromUserId: uuid("from_user_id").references(() => users.id, { onDelete: "set null" }),
    toUserId: uuid("to_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Why, in words a supervisor reads ("nobody available: 2 agents at capacity, 1 away"), or the transfer note. */
    reason: text("reason").notNull().default(""),
  },
  (t) => [index("session_log_session").on(t.sessionId, t.id), index("session_log_workspace").on(t.workspaceId, t.at)],
);

/**
 * Deadlines, swept by one instance at a time (server/timers):
 * - idle: an agent with no activity goes Away (userId);
 * - accept: an assigned session not opened in time kicks its agent out (sessionId + userId);
 * - grace: an Away/Offline agent's sessions are reassigned (userId);
 * - transfer: a transferred session not answered in 2 minutes goes back (sessionId);
 * - first_response: a session waiting too long for its first answer is escalated (sessionId).
 * One row per (workspace, kind, session, user): scheduling again moves the deadline.
 */
export const timerKindEnum = pgEnum("timer_kind", ["idle", "accept", "grace", "transfer", "first_response"]);

export const timers = pgTable(
  "timers",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceColumn(),
    kind: timerKindEnum("kind").notNull(),
    sessionId: uuid("session_id").references(() => sessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    unique("timers_one_per_subject").on(t.workspaceId, t.kind, t.sessionId, t.userId).nullsNotDistinct(),
    index("timers_due").on(t.dueAt),
    index("timers_session")
      .on(t.sessionId)
      .where(sql`session_id is not null`),
  ],
);

import { bigint, boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { sessions } from "./inbox";
import { projectColumn } from "./projects";
import { workspaceColumn } from "./workspaces";

export const riskActionEnum = pgEnum("risk_action", ["confirm", "block"]);

/**
 * A risk word group: keywords (case- and width-insensitive) and RE2 patterns checked against every
 * message an agent sends in the projects it applies to, unless the agent is exempt.
 */
export const riskGroups = pgTable(
  "risk_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    name: varchar("name", { length: 60 }).notNull(),
    keywords: jsonb("keywords").$type<string[]>().notNull().default([]),
    patterns: jsonb("patterns").$type<string[]>().notNull().default([]),
    action: riskActionEnum("action").notNull().default("confirm"),
    /** Applies to every project of the workspace (also ones created later), else to `projectIds`. */
    allProjects: boolean("all_projects").notNull().default(false),
    projectIds: jsonb("project_ids").$type<string[]>().notNull().default([]),
    exemptUserIds: jsonb("exempt_user_ids").$type<string[]>().notNull().default([]),
    exemptSkillGroupIds: jsonb("exempt_skill_group_ids").$type<string[]>().notNull().default([]),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("risk_groups_workspace").on(t.workspaceId)],
);

export const riskMatchKindEnum = pgEnum("risk_match_kind", ["keyword", "pattern", "time_limit"]);
/** pending until the agent confirms or cancels a "confirm" hit; blocked hits are final at once. */
export const riskOutcomeEnum = pgEnum("risk_outcome", ["pending", "blocked", "sent_after_confirmation", "cancelled"]);

/**
 * One row per hit of an agent message: the trigger records of the audit. Never editable: the only
 * change ever made is a pending outcome becoming final (enforced by a database trigger).
 */
export const riskTriggers = pgTable(
  "risk_triggers",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceColumn(),
    projectId: projectColumn(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    agentUserId: uuid("agent_user_id").references(() => users.id, { onDelete: "set null" }),
    /** One send attempt's hits share a check id; confirming or cancelling settles them together. */
    checkId: uuid("check_id").notNull(),
    groupId: uuid("group_id").references(() => riskGroups.id, { onDelete: "set null" }),
    /** The group's name when it fired (a renamed or deleted group keeps its records readable). */
    groupName: varchar("group_name", { length: 60 }).notNull(),
    matchKind: riskMatchKindEnum("match_kind").notNull(),
    /** The keyword or pattern that matched. */
    matched: text("matched").notNull(),
    /** The text the message had there. */
    matchedText: text("matched_text").notNull(),
    excerpt: text("excerpt").notNull(),
    action: riskActionEnum("action").notNull(),
    outcome: riskOutcomeEnum("outcome").notNull(),
    /** The message that was sent after confirmation. */
    messageId: bigint("message_id", { mode: "number" }),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("risk_triggers_workspace").on(t.workspaceId, t.at),
    index("risk_triggers_check").on(t.checkId),
    index("risk_triggers_agent").on(t.workspaceId, t.agentUserId, t.at),
  ],
);

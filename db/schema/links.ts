import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { contacts, sessions } from "./inbox";
import { projectColumn } from "./projects";
import { skillGroups } from "./team";
import { workspaceColumn } from "./workspaces";

/** The five UTM fields, as columns on links (defaults) and clicks (what the click carried, over the defaults). */
function utmColumns() {
  return {
    utmSource: varchar("utm_source", { length: 200 }),
    utmMedium: varchar("utm_medium", { length: 200 }),
    utmCampaign: varchar("utm_campaign", { length: 200 }),
    utmTerm: varchar("utm_term", { length: 200 }),
    utmContent: varchar("utm_content", { length: 200 }),
  };
}

/**
 * A diversion link: `/l/{code}` records the click and redirects to the project's bot with a Start
 * payload that identifies the click. Deleted links keep their clicks (analytics) and their code.
 */
export const links = pgTable(
  "links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    projectId: projectColumn(),
    /** Unique across all workspaces: the path of the short link. */
    code: varchar("code", { length: 48 }).notNull(),
    name: varchar("name", { length: 80 }).notNull(),
    ...utmColumns(),
    /** Sessions started through this link go to this skill group. */
    skillGroupId: uuid("skill_group_id").references(() => skillGroups.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    pausedAt: timestamp("paused_at", { withTimezone: true, mode: "date" }),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("links_code").on(t.code), index("links_workspace").on(t.workspaceId, t.createdAt)],
);

/**
 * One visit of a diversion link. `payload` is the Start payload the visitor was sent to the bot
 * with; it is unique, so recording a click twice stores it once.
 */
export const linkClicks = pgTable(
  "link_clicks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceColumn(),
    projectId: projectColumn(),
    linkId: uuid("link_id")
      .notNull()
      .references(() => links.id, { onDelete: "cascade" }),
    payload: varchar("payload", { length: 64 }).notNull(),
    clickedAt: timestamp("clicked_at", { withTimezone: true, mode: "date" }).notNull(),
    ip: varchar("ip", { length: 64 }),
    userAgent: text("user_agent"),
    browser: varchar("browser", { length: 60 }),
    os: varchar("os", { length: 60 }),
    /** desktop / mobile / tablet / bot / other */
    device: varchar("device", { length: 20 }),
    /** A crawler or link previewer: recorded, never counted as a unique visitor. */
    isBot: boolean("is_bot").notNull().default(false),
    referrer: text("referrer"),
    referrerHost: varchar("referrer_host", { length: 255 }),
    ...utmColumns(),
    /** Every other query parameter, as given. */
    query: jsonb("query").$type<Record<string, string>>().notNull().default({}),
    /** Hash of (link, IP, User-Agent): the same visitor within the dedup window counts once. */
    visitorKey: varchar("visitor_key", { length: 64 }).notNull(),
    isUnique: boolean("is_unique").notNull().default(false),
    /** The first Start with this click's payload, and the contact it brought. */
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("link_clicks_payload").on(t.payload),
    index("link_clicks_link").on(t.linkId, t.clickedAt),
    index("link_clicks_workspace").on(t.workspaceId, t.clickedAt),
    index("link_clicks_visitor").on(t.visitorKey, t.clickedAt),
  ],
);

/**
 * Every Start through a diversion link, per contact: the first touch stays on the contact
 * (contacts.first_click_id) and each later one is added here, never overwritten.
 */
export const attributionTouches = pgTable(
  "attribution_touches",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceColumn(),
    projectId: projectColumn(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id").references(() => sessions.id, { onDelete: "set null" }),
    clickId: bigint("click_id", { mode: "number" })
      .notNull()
      .references(() => linkClicks.id, { onDelete: "cascade" }),
    linkId: uuid("link_id")
      .notNull()
      .references(() => links.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("attribution_touches_contact").on(t.contactId, t.at), index("attribution_touches_link").on(t.linkId, t.at)],
);

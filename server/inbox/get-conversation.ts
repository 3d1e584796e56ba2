import { and, desc, eq, gte, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { bots, contacts, memberships, messages, projects, sessions, users } from "@/db/schema";
import { customerName } from "@/lib/customer-name";
import type { Role } from "@/server/workspaces/roles";
import { mediaSummary } from "./media-summary";
import { queuePosition } from "./queue-position";
import { conversationHidden, conversationNotFound, mayOpen, nameOrNull, sessionActions } from "./session-access";

export { conversationNotFound };

/** How many messages a conversation opens with, and how many more each "Show earlier messages" adds. */
export const CONVERSATION_PAGE_SIZE = 200;

export type Conversation = Awaited<ReturnType<typeof getConversation>>;
export type ConversationMessage = Conversation["messages"][number];

const assignee = alias(users, "assignee");
const transferredFrom = alias(users, "transferred_from");
const closedBy = alias(users, "closed_by");

/**
 * One session with its customer, project and messages in the order they were written: the newest
 * page, or every message from `fromId` on. Loading "from an id" rather than "a page before an id"
 * keeps the history gap-free while new messages arrive and the view refetches.
 * `earlierFromId` is where the next earlier page starts (null when the whole history is loaded).
 */
export async function getConversation(
  db: Database,
  workspaceId: string,
  viewer: { userId: string; role: Role },
  sessionId: string,
  fromId?: number,
) {
  const [row] = await db
    .select({
      session: {
        id: sessions.id,
        status: sessions.status,
        openedAt: sessions.openedAt,
        closedAt: sessions.closedAt,
        lastMessageAt: sessions.lastMessageAt,
        awaitingReplySince: sessions.awaitingReplySince,
        assignedUserId: sessions.assignedUserId,
        assignedAt: sessions.assignedAt,
        acceptedAt: sessions.acceptedAt,
        queuedAt: sessions.queuedAt,
        queuePosition,
        transferredAt: sessions.transferredAt,
        escalatedAt: sessions.escalatedAt,
        pinnedAt: sessions.pinnedAt,
      },
      assigneeName: nameOrNull(assignee),
      transferredFromName: nameOrNull(transferredFrom),
      closedByName: nameOrNull(closedBy),
      permissions: { mayViewAll: memberships.mayViewAll, mayTransfer: memberships.mayTransfer },
      contact: {
        id: contacts.id,
        telegramUserId: contacts.telegramUserId,
        firstName: contacts.firstName,
        lastName: contacts.lastName,
        username: contacts.username,
        languageCode: contacts.languageCode,
        firstStartPayload: contacts.firstStartPayload,
        lastStartPayload: contacts.lastStartPayload,
        firstSeenAt: contacts.firstSeenAt,
      },
      project: { id: projects.id, name: projects.name, status: projects.status, archivedAt: projects.archivedAt },
      bot: { username: bots.username },
    })
    .from(sessions)
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .innerJoin(projects, eq(projects.id, sessions.projectId))
    .leftJoin(bots, eq(bots.projectId, sessions.projectId))
    .innerJoin(memberships, and(eq(memberships.workspaceId, sessions.workspaceId), eq(memberships.userId, viewer.userId)))
    .leftJoin(assignee, eq(assignee.id, sessions.assignedUserId))
    .leftJoin(transferredFrom, eq(transferredFrom.id, sessions.transferredFromUserId))
    .leftJoin(closedBy, eq(closedBy.id, sessions.closedByUserId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw conversationNotFound();
  const inboxViewer = { ...viewer, ...row.permissions };
  const facts = { status: row.session.status, assignedUserId: row.session.assignedUserId, assigneeName: row.assigneeName };
  if (!mayOpen(inboxViewer, facts)) throw conversationHidden();

  const inSession = and(eq(messages.sessionId, sessionId), eq(messages.workspaceId, workspaceId));
  const query = db
    .select({
      id: messages.id,
      author: messages.author,
      agentName: users.name,
      agentEmail: users.email,
      kind: messages.kind,
      text: messages.text,
      media: messages.media,
      createdAt: messages.createdAt,
      editedAt: messages.editedAt,
      editHistory: messages.editHistory,
      delivery: messages.delivery,
      deliveryError: messages.deliveryError,
      sentAt: messages.sentAt,
      retried: messages.retried,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .where(fromId === undefined ? inSession : and(inSession, gte(messages.id, fromId)))
    .orderBy(desc(messages.id))
    .$dynamic();
  const newestFirst = await (fromId === undefined ? query.limit(CONVERSATION_PAGE_SIZE) : query);

  const oldestLoaded = newestFirst.at(-1)?.id;
  const earlierPage =
    oldestLoaded === undefined
      ? []
      : await db
          .select({ id: messages.id })
          .from(messages)
          .where(and(inSession, lt(messages.id, oldestLoaded)))
          .orderBy(desc(messages.id))
          .limit(CONVERSATION_PAGE_SIZE);

  const { bot, contact, project } = row;
  const { assignedUserId, ...session } = row.session;
  return {
    session: {
      ...session,
      assignee: assignedUserId ? { id: assignedUserId, name: row.assigneeName ?? "A former teammate" } : null,
      transferredFromName: row.transferredFromName,
      closedByName: row.closedByName,
    },
    actions: sessionActions(inboxViewer, facts),
    project: { ...project, botUsername: bot?.username ?? null, botConnected: Boolean(bot) },
    contact: { ...contact, ...customerName(contact) },
    earlierFromId: earlierPage.at(-1)?.id ?? null,
    messages: newestFirst.reverse().map(({ agentName, agentEmail, media, editHistory, ...message }) => ({
      ...message,
      agentName: message.author === "agent" ? (agentName ?? agentEmail ?? "A former teammate") : null,
      media: mediaSummary(message.kind, media),
      edited: message.editedAt !== null,
      previousTexts: editHistory.map((edit) => edit.text ?? ""),
    })),
  };
}

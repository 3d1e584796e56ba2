import { and, desc, eq, gte, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bots, contacts, messages, projects, sessions, users } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { customerName } from "./customer-name";
import { mediaSummary } from "./media-summary";

/** How many messages a conversation opens with, and how many more each "Show earlier messages" adds. */
export const CONVERSATION_PAGE_SIZE = 200;

export type Conversation = Awaited<ReturnType<typeof getConversation>>;
export type ConversationMessage = Conversation["messages"][number];

export function conversationNotFound(): DomainError {
  return new DomainError("not_found", "This conversation does not exist in this workspace. It may have been deleted.");
}

/**
 * One session with its customer, project and messages in the order they were written: the newest
 * page, or every message from `fromId` on. Loading "from an id" rather than "a page before an id"
 * keeps the history gap-free while new messages arrive and the view refetches.
 * `earlierFromId` is where the next earlier page starts (null when the whole history is loaded).
 */
export async function getConversation(db: Database, workspaceId: string, sessionId: string, fromId?: number) {
  const [row] = await db
    .select({
      session: {
        id: sessions.id,
        status: sessions.status,
        openedAt: sessions.openedAt,
        closedAt: sessions.closedAt,
        lastMessageAt: sessions.lastMessageAt,
        awaitingReplySince: sessions.awaitingReplySince,
      },
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
    .where(and(eq(sessions.id, sessionId), eq(sessions.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw conversationNotFound();

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

  const { bot, contact, ...rest } = row;
  return {
    ...rest,
    project: { ...rest.project, botUsername: bot?.username ?? null, botConnected: Boolean(bot) },
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

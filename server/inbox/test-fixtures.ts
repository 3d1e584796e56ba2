import { randomInt } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { database } from "@/db/client";
import { contacts, memberships, messages, sessions, users, type MessageMedia } from "@/db/schema";
import { uniqueEmail } from "@/db/test-helpers";
import { previewOf } from "@/lib/message-preview";
import type { Role } from "@/server/workspaces/roles";

type SeedMessage = {
  author: "customer" | "agent" | "bot";
  text?: string | null;
  kind?: "text" | "photo" | "document" | "voice" | "video" | "sticker" | "location" | "contact";
  media?: MessageMedia | null;
  authorUserId?: string;
  delivery?: "queued" | "sending" | "sent" | "failed";
  deliveryError?: string;
  editHistory?: { text: string | null; editedAt: string }[];
};

/** A member of the workspace with the given role (no password: tests act through callerFor). */
export async function addMember(workspaceId: string, role: Role, name = `${role} user`) {
  const [user] = await database()
    .insert(users)
    .values({ name, email: uniqueEmail(role) })
    .returning({ id: users.id });
  await database().insert(memberships).values({ workspaceId, userId: user!.id, role });
  return user!.id;
}

/**
 * A customer's conversation written straight to the database, as the webhook would have left it:
 * contact, session (waiting for a reply when the last message is the customer's) and messages.
 */
export async function seedConversation(
  project: { id: string; workspaceId: string },
  options: {
    customer?: { firstName?: string; lastName?: string | null; username?: string | null; languageCode?: string | null };
    messages?: SeedMessage[];
    /** Seconds ago the last message was written; larger is older. */
    secondsAgo?: number;
  } = {},
) {
  const db = database();
  const telegramUserId = randomInt(1, 2 ** 31);
  const customer = options.customer ?? {};
  const list = options.messages ?? [{ author: "customer", text: "Hello, I need help" }];
  const at = sql`now() - make_interval(secs => ${options.secondsAgo ?? 0})`;
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .insert(contacts)
      .values({
        workspaceId: project.workspaceId,
        projectId: project.id,
        telegramUserId,
        firstName: customer.firstName ?? "Ada",
        lastName: customer.lastName === undefined ? "Lovelace" : customer.lastName,
        username: customer.username === undefined ? "ada_l" : customer.username,
        languageCode: customer.languageCode === undefined ? "en" : customer.languageCode,
      })
      .returning();
    const last = list.at(-1);
    const [session] = await tx
      .insert(sessions)
      .values({
        workspaceId: project.workspaceId,
        projectId: project.id,
        contactId: contact!.id,
        chatId: telegramUserId,
        lastMessageAt: at,
        lastMessagePreview: last ? previewOf(last.text ?? null, last.kind ?? "text") : "",
        lastMessageAuthor: last?.author ?? "customer",
        awaitingReplySince: last?.author === "customer" ? at : null,
      })
      .returning();
    const ids: number[] = [];
    for (const [i, m] of list.entries()) {
      const [row] = await tx
        .insert(messages)
        .values({
          workspaceId: project.workspaceId,
          projectId: project.id,
          sessionId: session!.id,
          chatId: telegramUserId,
          author: m.author,
          authorUserId: m.authorUserId ?? null,
          kind: m.kind ?? "text",
          text: m.text === undefined ? null : m.text,
          media: m.media ?? null,
          telegramMessageId: m.author === "customer" ? i + 1 : null,
          delivery: m.author === "customer" ? null : (m.delivery ?? "sent"),
          deliveryError: m.deliveryError ?? null,
          editHistory: m.editHistory ?? [],
          editedAt: m.editHistory?.length ? new Date() : null,
        })
        .returning({ id: messages.id });
      ids.push(row!.id);
    }
    return { contact: contact!, session: session!, messageIds: ids };
  });
}

/**
 * Puts a seeded session in an agent's hands (or back in the queue with null) the way routing leaves
 * it, without routing's log and timers: for tests about what happens once a session is assigned.
 */
export async function placeSession(sessionId: string, userId: string | null, options: { accepted?: boolean } = {}) {
  await database()
    .update(sessions)
    .set(
      userId
        ? { assignedUserId: userId, assignedAt: sql`now()`, queuedAt: null, acceptedAt: options.accepted ? sql`now()` : null }
        : { assignedUserId: null, assignedAt: null, acceptedAt: null, queuedAt: sql`now()` },
    )
    .where(eq(sessions.id, sessionId));
}

export async function sessionRow(sessionId: string) {
  const [row] = await database().select().from(sessions).where(eq(sessions.id, sessionId));
  return row!;
}

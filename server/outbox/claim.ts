import { and, asc, count, eq, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { messages } from "@/db/schema";

/** An outgoing message this sender now owns until it records an outcome or the lease runs out. */
export type ClaimedMessage = {
  id: number;
  workspaceId: string;
  projectId: string;
  sessionId: string;
  chatId: number;
  kind: (typeof messages.$inferSelect)["kind"];
  text: string | null;
  media: (typeof messages.$inferSelect)["media"];
  /** Counts claims, so (id, attempts) names this claim: outcomes are recorded only while it is still ours. */
  attempts: number;
  /** How long to wait before sending to keep the chat's pace (measured on the database clock, across instances). */
  paceWaitMs: number;
};

export type ClaimOptions = {
  limit: number;
  /** A 'sending' claim older than this belongs to a sender that died; it is taken over. */
  leaseMs: number;
  /** Least time between two messages sent to one chat (Telegram: about one per second). */
  chatPaceMs?: number;
  /** Only these projects' messages: lets tests that share one database run senders side by side. */
  onlyProjects?: string[];
};

const earlier = alias(messages, "earlier");

/**
 * Due now, and the oldest unfinished outgoing message of its chat: a chat's next message waits until
 * the one before it is sent or failed, whichever instance holds it, so replies arrive in order.
 */
function dueAndFirstOfItsChat(db: Database, leaseMs: number, onlyProjects?: string[]) {
  return and(
    onlyProjects ? inArray(messages.projectId, onlyProjects) : undefined,
    or(
      and(eq(messages.delivery, "queued"), or(isNull(messages.sendAfter), lte(messages.sendAfter, sql`now()`))),
      and(
        eq(messages.delivery, "sending"),
        lt(messages.claimedAt, sql`now() - ${leaseMs}::double precision * interval '1 millisecond'`),
      ),
    ),
    notExists(
      db
        .select({ one: sql`1` })
        .from(earlier)
        .where(
          and(
            eq(earlier.projectId, messages.projectId),
            eq(earlier.chatId, messages.chatId),
            inArray(earlier.delivery, ["queued", "sending"]),
            lt(earlier.id, messages.id),
          ),
        ),
    ),
  );
}

/**
 * Claims up to `limit` due messages in one statement. FOR UPDATE SKIP LOCKED lets several senders
 * claim side by side without waiting on or double-claiming each other's rows; a row another sender
 * claimed meanwhile is re-checked after the lock and skipped, as it is no longer queued.
 */
export async function claimDueMessages(db: Database, options: ClaimOptions): Promise<ClaimedMessage[]> {
  const paceMs = options.chatPaceMs ?? 1000;
  const due = db
    .select({ id: messages.id })
    .from(messages)
    .where(dueAndFirstOfItsChat(db, options.leaseMs, options.onlyProjects))
    .orderBy(asc(messages.id))
    .limit(options.limit)
    .for("update", { skipLocked: true });

  // Spelled out: drizzle renders columns unqualified in RETURNING, where they would bind to `s`.
  const lastSentToChat = sql`(select max(s.sent_at) from messages s
    where s.project_id = messages.project_id and s.chat_id = messages.chat_id and s.delivery = 'sent')`;

  const rows = await db
    .update(messages)
    .set({ delivery: "sending", claimedAt: sql`now()`, attempts: sql`${messages.attempts} + 1` })
    .where(inArray(messages.id, due))
    .returning({
      id: messages.id,
      workspaceId: messages.workspaceId,
      projectId: messages.projectId,
      sessionId: messages.sessionId,
      chatId: messages.chatId,
      kind: messages.kind,
      text: messages.text,
      media: messages.media,
      attempts: messages.attempts,
      paceWaitMs:
        sql<number>`greatest(0, ceil(extract(epoch from (${lastSentToChat} + ${paceMs}::double precision * interval '1 millisecond' - now())) * 1000))`.mapWith(
          Number,
        ),
    });
  return rows.sort((a, b) => a.id - b.id);
}

/** How many messages a claim would take right now (drain() in tests waits for zero). */
export async function countDueMessages(db: Database, options: Pick<ClaimOptions, "leaseMs" | "onlyProjects">): Promise<number> {
  const [row] = await db
    .select({ due: count() })
    .from(messages)
    .where(dueAndFirstOfItsChat(db, options.leaseMs, options.onlyProjects));
  return row?.due ?? 0;
}

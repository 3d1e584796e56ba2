import { and, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { messages } from "@/db/schema";
import type { BusEvent } from "@/server/events/types";
import type { ClaimedMessage } from "./claim";

type Claim = Pick<ClaimedMessage, "id" | "attempts" | "workspaceId" | "sessionId">;
type Outcome = PgUpdateSetSource<typeof messages>;

/**
 * Writes an outcome only while the claim is still ours (still 'sending', same attempt number): a
 * sender that overran its lease must not overwrite what the sender that took over recorded.
 * Returns the events to publish, none when the claim was lost.
 */
async function finishClaim(db: Database, claim: Claim, outcome: Outcome): Promise<BusEvent[]> {
  const rows = await db
    .update(messages)
    .set({ ...outcome, claimedAt: null })
    .where(and(eq(messages.id, claim.id), eq(messages.delivery, "sending"), eq(messages.attempts, claim.attempts)))
    .returning({ id: messages.id });
  if (rows.length === 0) return [];
  return [
    { type: "message.updated", workspaceId: claim.workspaceId, sessionId: claim.sessionId, messageId: claim.id },
    { type: "session.updated", workspaceId: claim.workspaceId, sessionId: claim.sessionId },
  ];
}

export function markSent(db: Database, claim: Claim, telegramMessageId: number): Promise<BusEvent[]> {
  return finishClaim(db, claim, {
    delivery: "sent",
    telegramMessageId,
    sentAt: sql`now()`,
    deliveryError: null,
    sendAfter: null,
  });
}

export function markFailed(db: Database, claim: Claim, reason: string): Promise<BusEvent[]> {
  return finishClaim(db, claim, { delivery: "failed", deliveryError: reason, sendAfter: null });
}

/** Back to the queue, not before `delayMs`; the reason tells the console why it is still waiting. */
export function requeue(db: Database, claim: Claim, delayMs: number, reason: string): Promise<BusEvent[]> {
  return finishClaim(db, claim, {
    delivery: "queued",
    deliveryError: reason,
    sendAfter: sql`now() + ${Math.max(0, Math.round(delayMs))}::double precision * interval '1 millisecond'`,
  });
}

/** Hands the message back untouched (the sender is stopping), so another sender takes it at once. */
export function releaseClaim(db: Database, claim: Claim): Promise<BusEvent[]> {
  return finishClaim(db, claim, { delivery: "queued" });
}

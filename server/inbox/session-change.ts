import type { Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { wakeRouting } from "@/server/routing/wake";
import { openableSession, type SessionAccess } from "./session-access";

/** What a change of a session did: events to publish after commit, and where routing should look again. */
export type SessionChangeOutcome = {
  events: BusEvent[];
  /** "project": the session's queue moved; "workspace": an agent's capacity freed up (it spans projects). */
  wake: "project" | "workspace" | null;
};

/**
 * Runs a change of who works a session (take, assign, transfer, close…) in one transaction that
 * holds the workspace's routing lock and the session's row lock; publishes after commit, then lets
 * routing drain the queue when the change freed capacity or moved the queue.
 */
export async function changeSession(
  db: Database,
  input: { workspaceId: string; userId: string; sessionId: string },
  change: (tx: Tx, access: SessionAccess) => Promise<SessionChangeOutcome>,
): Promise<void> {
  const { outcome, projectId } = await db.transaction(async (tx) => {
    await lockWorkspaceRouting(tx, input.workspaceId);
    const access = await openableSession(tx, { ...input, lock: true });
    if (access.session.status === "closed") throw conversationClosed();
    return { outcome: await change(tx, access), projectId: access.session.projectId };
  });
  await publishCommitted(outcome.events);
  if (outcome.wake) await wakeRouting(db, input.workspaceId, outcome.wake === "project" ? projectId : undefined);
}

/** The refusal for acting on a closed session. */
export function conversationClosed(): DomainError {
  return new DomainError("conflict", "This conversation is closed.");
}

/** The refusal for acting on a session that waits in the queue, with what to do instead. */
export function waitingInQueue(instead: string): DomainError {
  return new DomainError("conflict", `This conversation is waiting in the queue — ${instead}.`);
}

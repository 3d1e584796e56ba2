import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { sessionLog, users } from "@/db/schema";
import { nameOrNull, openableSession } from "./session-access";

const actor = alias(users, "actor");
const fromUser = alias(users, "from_user");
const toUser = alias(users, "to_user");

/**
 * A session's allocation history, oldest first: every routing decision, assignment, transfer,
 * take-over, return to the queue, acceptance, escalation and close, with who and why.
 */
export async function allocationHistory(db: Database, workspaceId: string, userId: string, sessionId: string) {
  await openableSession(db, { workspaceId, userId, sessionId });
  return db
    .select({
      id: sessionLog.id,
      kind: sessionLog.kind,
      at: sessionLog.at,
      rule: sessionLog.rule,
      candidates: sessionLog.candidates,
      reason: sessionLog.reason,
      actorName: nameOrNull(actor),
      fromName: nameOrNull(fromUser),
      toName: nameOrNull(toUser),
    })
    .from(sessionLog)
    .leftJoin(actor, eq(actor.id, sessionLog.actorUserId))
    .leftJoin(fromUser, eq(fromUser.id, sessionLog.fromUserId))
    .leftJoin(toUser, eq(toUser.id, sessionLog.toUserId))
    .where(and(eq(sessionLog.sessionId, sessionId), eq(sessionLog.workspaceId, workspaceId)))
    .orderBy(asc(sessionLog.id));
}

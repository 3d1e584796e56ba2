import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { memberships, sessions } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { BusEvent } from "@/server/events/types";
import { rolesThatMay } from "@/lib/access/permission";
import { applyLoadStatus } from "@/server/presence/load-status";
import type { Tx } from "@/db/transaction";
import { cancelTimers } from "@/db/schedule-timer";
import { recordAssignments, type RecordedAssignment } from "./record-assignments";

/** The open sessions an agent works in a workspace: a condition on `sessions`. */
export function openSessionsOf(workspaceId: string, userId: string): SQL {
  return and(eq(sessions.workspaceId, workspaceId), eq(sessions.assignedUserId, userId), eq(sessions.status, "open"))!;
}

/** How a session came to an agent; written to session_log with the reason. */
export type AssignmentChange = {
  kind: "assigned" | "reassigned" | "taken_over" | "transferred";
  /** Who did it; null for routing itself. */
  actorUserId: string | null;
  /** Why, for the allocation history (a transfer's note goes here). */
  reason: string;
  /** Routing decisions only. */
  rule?: string;
  candidates?: number;
};

/** The console events of sessions that changed hands (after commit): the new agent's highlight, both agents' loads, the queues. */
export function assignmentEvents(workspaceId: string, recorded: readonly RecordedAssignment[]): BusEvent[] {
  const events: BusEvent[] = [];
  const agents = new Set<string>();
  const queues = new Set<string>();
  for (const row of recorded) {
    events.push(
      { type: "session.assigned", workspaceId, sessionId: row.sessionId, userId: row.toUserId },
      { type: "session.updated", workspaceId, sessionId: row.sessionId },
    );
    agents.add(row.toUserId);
    if (row.fromUserId) agents.add(row.fromUserId);
    if (row.wasQueued) queues.add(row.projectId);
  }
  for (const userId of agents) events.push({ type: "agent.updated", workspaceId, userId });
  for (const projectId of queues) events.push({ type: "queue.updated", workspaceId, projectId });
  return events;
}

/** Why an assignment wrote nothing, read only on that rare path. */
async function refusal(tx: Tx, input: { workspaceId: string; sessionId: string; toUserId: string; change: AssignmentChange }) {
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, input.workspaceId),
        eq(memberships.userId, input.toUserId),
        inArray(memberships.role, rolesThatMay("inbox.work")),
      ),
    );
  if (!member) return new DomainError("invalid", "That person is not an agent of this workspace, so they cannot work sessions.");
  const [session] = await tx
    .select({ status: sessions.status, assignedUserId: sessions.assignedUserId })
    .from(sessions)
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.workspaceId, input.workspaceId)));
  if (!session) return new DomainError("not_found", "This session does not exist in this workspace.");
  if (session.status !== "open") return new DomainError("conflict", "This session is closed. Reopen it before assigning it.");
  return new DomainError("conflict", "Someone else was given this session a moment ago. Reload to see who works it now.");
}

/**
 * Gives an open session to an agent, in the caller's transaction, which must hold
 * `lockWorkspaceRouting`. Sets assignedUserId/assignedAt, clears queuedAt/acceptedAt, records the
 * transfer origin for "transferred", remembers the agent on the contact (sticky), schedules the
 * accept timer (and the transfer timer for transfers), writes session_log, and updates both agents'
 * load status (auto-Busy / Available). Returns the events to publish after commit.
 *
 * Kind "assigned" only takes a session that is waiting in the queue; the other kinds move an open
 * session wherever it is. Throws a DomainError when the session is closed, not in the workspace, was
 * given to someone else meanwhile ("assigned"), or the person is not a seat member.
 */
export async function assignSession(
  tx: Tx,
  input: { workspaceId: string; sessionId: string; toUserId: string; change: AssignmentChange },
): Promise<BusEvent[]> {
  const routing = input.change.kind === "assigned" && input.change.actorUserId === null;
  const recorded = await recordAssignments(tx, input.workspaceId, [
    { sessionId: input.sessionId, toUserId: input.toUserId, change: input.change, seq: routing ? 1 : null },
  ]);
  if (recorded.length === 0) throw await refusal(tx, input);
  const agents = [...new Set(recorded.flatMap((row) => (row.fromUserId ? [row.fromUserId, row.toUserId] : [row.toUserId])))];
  const statusEvents = await applyLoadStatus(tx, input.workspaceId, agents);
  return [...assignmentEvents(input.workspaceId, recorded), ...statusEvents];
}

/**
 * Puts an assigned session back in its project queue (member removed, kicked out, grace period,
 * transfer timeout, supervisor's "unassign"), in the caller's transaction holding the routing lock.
 * Writes session_log kind "returned" with the reason, cancels the session's agent timers, updates
 * the former agent's load status. The caller runs `wakeRouting` after commit.
 *
 * The session joins the back of the queue (queued now) and its customer is told their position again.
 * A session that is closed or not assigned is left alone (no events).
 */
export async function returnToQueue(
  tx: Tx,
  input: { workspaceId: string; sessionId: string; actorUserId: string | null; reason: string },
): Promise<BusEvent[]> {
  const ws = sql`${input.workspaceId}::uuid`;
  const [returned] = await tx.execute<{ project_id: string; from_user_id: string }>(sql`
    with old as (
      select id, project_id, assigned_user_id from sessions
      where id = ${input.sessionId}::uuid and workspace_id = ${ws} and status = 'open' and assigned_user_id is not null
    ),
    upd as (
      update sessions s set
        assigned_user_id = null, assigned_at = null, accepted_at = null, queued_at = now(), queue_notified_position = null,
        transferred_from_user_id = null, transferred_at = null
      from old o
      where s.id = o.id
      returning o.id, o.project_id, o.assigned_user_id as from_user_id
    ),
    log as (
      insert into session_log (workspace_id, project_id, session_id, kind, actor_user_id, from_user_id, reason)
      select ${ws}, project_id, id, 'returned', ${input.actorUserId}::uuid, from_user_id, ${input.reason}::text from upd
    )
    select project_id, from_user_id from upd
  `);
  if (!returned) return [];
  await cancelTimers(tx, input.workspaceId, ["accept", "grace", "transfer"], { sessionId: input.sessionId });
  const statusEvents = await applyLoadStatus(tx, input.workspaceId, [returned.from_user_id]);
  return [
    { type: "session.updated", workspaceId: input.workspaceId, sessionId: input.sessionId },
    { type: "agent.updated", workspaceId: input.workspaceId, userId: returned.from_user_id },
    { type: "queue.updated", workspaceId: input.workspaceId, projectId: returned.project_id },
    ...statusEvents,
  ];
}

/** Puts each of these sessions back in its queue, in this order (see `returnToQueue`); the events of all. */
export async function returnEachToQueue(
  tx: Tx,
  workspaceId: string,
  returns: ReadonlyArray<{ sessionId: string; actorUserId: string | null; reason: string }>,
): Promise<BusEvent[]> {
  const events: BusEvent[] = [];
  for (const item of returns) events.push(...(await returnToQueue(tx, { workspaceId, ...item })));
  return events;
}

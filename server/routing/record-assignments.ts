import { sql } from "drizzle-orm";
import { rolesThatMay } from "@/lib/access/permission";
import type { Tx } from "@/db/transaction";
import type { AssignmentChange } from "./assignment";

/** One session given to one agent. */
export type AssignmentRow = {
  sessionId: string;
  toUserId: string;
  change: AssignmentChange;
  /**
   * Routing's own decisions only: their order within the batch (1, 2, …). The agent's
   * last_assigned_at becomes the workspace's latest stamp plus this many microseconds, so strict
   * rotation sees every decision of a batch in order. Null for people's changes.
   */
  seq: number | null;
};

/** A session that changed hands. */
export type RecordedAssignment = {
  sessionId: string;
  projectId: string;
  fromUserId: string | null;
  toUserId: string;
  wasQueued: boolean;
};

const TRANSFER_ANSWER_MINUTES = 2;

/**
 * Writes a batch of assignments in ONE statement (the routing drain's hot path), in the caller's
 * transaction, which holds `lockWorkspaceRouting`. For each session that is still open (and still
 * waiting, for routing's own "assigned" decisions) and whose new agent is a seat member: sets the
 * assignment (queue fields cleared; the transfer origin kept for "transferred"), remembers the agent on
 * the contact (sticky routing), stamps last_assigned_at for routing decisions, writes session_log,
 * drops the session's previous accept/grace/transfer timers, and schedules the accept timer
 * (now + the project's accept minutes: assignments by routing and reassignments, not a person taking
 * a session themself) or the transfer timer (now + 2 minutes, for "transferred").
 * Returns the sessions that changed hands; others (closed meanwhile, not in the workspace) are skipped.
 */
export async function recordAssignments(
  tx: Tx,
  workspaceId: string,
  rows: readonly AssignmentRow[],
): Promise<RecordedAssignment[]> {
  if (rows.length === 0) return [];
  const input = JSON.stringify(
    rows.map((row) => ({
      session_id: row.sessionId,
      user_id: row.toUserId,
      kind: row.change.kind,
      actor: row.change.actorUserId,
      reason: row.change.reason,
      rule: row.change.rule ?? (row.change.actorUserId ? "manual" : null),
      candidates: row.change.candidates ?? null,
      seq: row.seq,
    })),
  );
  const ws = sql`${workspaceId}::uuid`;
  const seatRoles = sql.join(
    rolesThatMay("inbox.work").map((role) => sql`${role}::member_role`),
    sql`, `,
  );
  const result = await tx.execute<{
    session_id: string;
    project_id: string;
    from_user_id: string | null;
    to_user_id: string;
    was_queued: boolean;
  }>(sql`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb)
        as i(session_id uuid, user_id uuid, kind session_log_kind, actor uuid, reason text, rule varchar, candidates int, seq int)
    ),
    old as (
      select i.*, s.project_id, s.contact_id, s.assigned_user_id as from_user_id,
             (s.assigned_user_id is null) as was_queued
      from input i
      join sessions s on s.id = i.session_id and s.workspace_id = ${ws} and s.status = 'open'
      join memberships m on m.workspace_id = ${ws} and m.user_id = i.user_id and m.role in (${seatRoles})
      where i.kind <> 'assigned' or s.assigned_user_id is null
    ),
    upd as (
      update sessions s set
        assigned_user_id = o.user_id,
        assigned_at = now(),
        accepted_at = null,
        queued_at = null,
        queue_notified_position = null,
        transferred_from_user_id = case when o.kind = 'transferred' then o.from_user_id end,
        transferred_at = case when o.kind = 'transferred' then now() end
      from old o
      where s.id = o.session_id
      returning o.*
    ),
    contact as (
      update contacts c set last_agent_user_id = u.user_id from upd u where c.id = u.contact_id
    ),
    stamp as (
      select greatest(now(), max(last_assigned_at)) as base from memberships where workspace_id = ${ws}
    ),
    member as (
      update memberships m set last_assigned_at = (select base from stamp) + interval '1 microsecond' * x.seq
      from (select user_id, max(seq) as seq from upd where seq is not null group by user_id) x
      where m.workspace_id = ${ws} and m.user_id = x.user_id
    ),
    log as (
      insert into session_log (workspace_id, project_id, session_id, kind, rule, candidates, actor_user_id, from_user_id,
                               to_user_id, reason)
      select ${ws}, u.project_id, u.session_id, u.kind, u.rule, u.candidates, u.actor, u.from_user_id, u.user_id, u.reason
      from upd u
      order by u.seq nulls last
    ),
    due as (
      select u.session_id, 'accept'::timer_kind as kind, u.user_id, now() + make_interval(mins => p.accept_minutes) as due_at
      from upd u join projects p on p.id = u.project_id
      where u.kind in ('assigned', 'reassigned') and u.actor is distinct from u.user_id
      union all
      select u.session_id, 'transfer'::timer_kind, null::uuid, now() + make_interval(mins => ${TRANSFER_ANSWER_MINUTES}::int)
      from upd u
      where u.kind = 'transferred'
    ),
    dropped as (
      delete from timers t using upd u
      where t.session_id = u.session_id and t.kind in ('accept', 'grace', 'transfer')
        and not exists (select from due d where d.session_id = t.session_id and d.kind = t.kind
                                              and d.user_id is not distinct from t.user_id)
    ),
    scheduled as (
      insert into timers (workspace_id, kind, session_id, user_id, due_at)
      select ${ws}, d.kind, d.session_id, d.user_id, d.due_at from due d
      on conflict on constraint timers_one_per_subject do update set due_at = excluded.due_at
    )
    select session_id, project_id, from_user_id, user_id as to_user_id, was_queued from upd
  `);
  return result.map((row) => ({
    sessionId: row.session_id,
    projectId: row.project_id,
    fromUserId: row.from_user_id,
    toUserId: row.to_user_id,
    wasQueued: row.was_queued,
  }));
}

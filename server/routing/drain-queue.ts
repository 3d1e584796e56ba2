import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { BusEvent } from "@/server/events/types";
import { rolesThatMay } from "@/lib/access/permission";
import { applyLoadStatus } from "@/server/presence/load-status";
import type { Tx } from "@/db/transaction";
import { assignmentEvents } from "./assignment";
import { decide, type RoutingAgent } from "./eligibility";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import { announceQueuePositions } from "./queue-announcements";
import { recordAssignments, type AssignmentRow } from "./record-assignments";
import { loadRoutingState, type RoutingState } from "./routing-state";

/** Waiting sessions decided per transaction: a long queue never holds the workspace's routing lock for long. */
export const DRAIN_BATCH = 500;

type WaitingRow = {
  id: string;
  project_id: string;
  skill_group_id: string | null;
  last_agent_user_id: string | null;
  /** How many rows were asked for: the batch size, or less when the agents have less room than that. */
  asked: number;
};

function uuidArray(ids: Iterable<string>) {
  return sql`${`{${[...ids].join(",")}}`}::uuid[]`;
}

/**
 * The oldest waiting sessions of the projects in scope (queue order: queued_at, id), skipping projects
 * already blocked: an ordered index scan per project (sessions_queue), merged, so a long queue is never
 * sorted. No more rows than the agents have room for (capacity left of everyone routing may use): a
 * freed slot reads one session, not a whole batch.
 */
function loadWaiting(
  tx: Tx,
  workspaceId: string,
  projectIds: readonly string[] | null,
  blocked: ReadonlySet<string>,
  limit: number,
) {
  const onlyProjects = projectIds ? sql`and p.id = any(${uuidArray(projectIds)})` : sql``;
  const notBlocked = blocked.size ? sql`and not (p.id = any(${uuidArray(blocked)}))` : sql``;
  const ws = sql`${workspaceId}::uuid`;
  const seatRoles = sql.join(
    rolesThatMay("inbox.work").map((role) => sql`${role}::member_role`),
    sql`, `,
  );
  return tx.execute<WaitingRow>(sql`
    with room as (
      select least(${limit}::int, coalesce(sum(greatest(m.capacity - (
        select count(*) from sessions s
        where s.workspace_id = ${ws} and s.assigned_user_id = m.user_id and s.status = 'open'
      ), 0)), 0))::int as asked
      from memberships m
      where m.workspace_id = ${ws} and m.role in (${seatRoles}) and m.status not in ('finishing', 'kicked_out')
    )
    select w.id, w.project_id, w.skill_group_id, c.last_agent_user_id, (select asked from room) as asked
    from projects p
    cross join lateral (
      select s.id, s.project_id, s.skill_group_id, s.contact_id, s.queued_at
      from sessions s
      where s.project_id = p.id and s.status = 'open' and s.assigned_user_id is null
      order by s.queued_at, s.id
      limit (select asked from room)
    ) w
    join contacts c on c.id = w.contact_id
    where p.workspace_id = ${ws} and p.archived_at is null ${onlyProjects} ${notBlocked}
    order by w.queued_at, w.id
    limit (select asked from room)
  `);
}

/**
 * Decides the batch in memory, in queue order: each session goes to the agent the project's rule
 * picks; the first session of a project nobody can take blocks that project for the rest of the
 * drain, so a later session never jumps an earlier one. Loads and rotation stamps move as it goes.
 */
export function planBatch(state: RoutingState, waiting: readonly WaitingRow[], blocked: Set<string>): AssignmentRow[] {
  const rows: AssignmentRow[] = [];
  if (state.planExpired) return rows;
  let stamp = state.agents.reduce((max, agent) => Math.max(max, agent.lastAssignedUs ?? 0), 0);
  for (const session of waiting) {
    const project = state.projects.get(session.project_id);
    if (!project || blocked.has(session.project_id)) continue;
    const decision = decide(
      state.agents,
      project,
      { skillGroupId: session.skill_group_id, lastAgentUserId: session.last_agent_user_id },
      state.staffedGroups,
    );
    if (!decision.chosen) {
      blocked.add(session.project_id);
      continue;
    }
    const agent: RoutingAgent = decision.chosen;
    agent.load += 1;
    agent.lastAssignedUs = ++stamp;
    rows.push({
      sessionId: session.id,
      toUserId: agent.userId,
      change: {
        kind: "assigned",
        actorUserId: null,
        reason: decision.reason,
        rule: decision.rule,
        candidates: decision.candidates,
      },
      seq: rows.length + 1,
    });
  }
  return rows;
}

export type DrainStep = { events: BusEvent[]; assigned: number; done: boolean };

/**
 * One transaction of a drain: lock, read state and the next batch (pipelined: one round trip),
 * decide, write the assignments in one statement, update the agents' load status; when nothing is
 * left to assign, announce queue positions in the same transaction.
 */
export async function drainStep(
  db: Database,
  workspaceId: string,
  projectIds: readonly string[] | null,
  blocked: Set<string>,
  batch = DRAIN_BATCH,
): Promise<DrainStep> {
  return db.transaction(async (tx) => {
    const [, state, waiting] = await Promise.all([
      lockWorkspaceRouting(tx, workspaceId),
      loadRoutingState(tx, workspaceId, projectIds),
      loadWaiting(tx, workspaceId, projectIds, blocked, batch),
    ]);
    const rows = planBatch(state, waiting, blocked);
    const recorded = await recordAssignments(tx, workspaceId, rows);
    const events = assignmentEvents(workspaceId, recorded);
    if (recorded.length) {
      events.push(...(await applyLoadStatus(tx, workspaceId, [...new Set(recorded.map((row) => row.toUserId))])));
    }
    const anyRoom = state.agents.some((agent) => agent.load < agent.capacity);
    const open = [...state.projects.keys()].some((id) => !blocked.has(id));
    // Fewer rows than asked: the queue is empty. None at all: empty, or nobody has room.
    const done = state.planExpired || waiting.length === 0 || waiting.length < waiting[0]!.asked || !anyRoom || !open;
    if (done) events.push(...(await announceQueuePositions(tx, workspaceId, state, blocked)));
    return { events, assigned: recorded.length, done };
  });
}

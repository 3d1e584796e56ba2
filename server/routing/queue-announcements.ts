import { sql } from "drizzle-orm";
import type { Tx } from "@/db/transaction";
import type { BusEvent } from "@/server/events/types";
import { enqueueOutgoing } from "@/server/outbox/enqueue";
import { decide } from "./eligibility";
import { queueMessageText } from "./queue-message";
import type { RoutingState } from "./routing-state";

/** Positions re-announced when they change; further back, a customer hears their position once, on entering the queue. */
export const ANNOUNCED_POSITIONS = 10;

export const PLAN_EXPIRED_REASON = "The workspace's plan has expired: sessions wait until a plan is chosen in Settings → Plan";

type Waiting = {
  id: string;
  project_id: string;
  chat_id: string | number;
  skill_group_id: string | null;
  last_agent_user_id: string | null;
  notified: number | null;
  ahead: number;
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * After a drain, in its last transaction (under the routing lock): every session that entered the
 * queue since the last drain gets its "queued" decision in session_log (with the reason nobody took
 * it) and its position; customers within the first positions hear again when their position changed.
 * Each position is told at most once (sessions.queue_notified_position). Messages are queued in the
 * outbox (sent after commit), only for active projects with a message to send: the queue message,
 * or the next-in-line message for the customer at the front.
 */
export async function announceQueuePositions(
  tx: Tx,
  workspaceId: string,
  state: RoutingState,
  blocked: ReadonlySet<string>,
): Promise<BusEvent[]> {
  const projectIds = [...state.projects.keys()];
  if (projectIds.length === 0) return [];
  const ws = sql`${workspaceId}::uuid`;
  const ids = sql`${`{${projectIds.join(",")}}`}::uuid[]`;
  // Positions are counted only where needed: the first ones of each project (an ordered index scan),
  // and — only when some session entered the queue since — every waiting session's rank.
  const waiting = await tx.execute<Waiting>(sql`
    with entered as (
      select exists (
        select from sessions s
        where s.workspace_id = ${ws} and s.project_id = any(${ids}) and s.status = 'open' and s.assigned_user_id is null
          and s.queue_notified_position is null
      ) as any
    ),
    ranked as (
      select r.id, r.ahead from (
        select s.id, s.queue_notified_position as notified,
               (row_number() over (partition by s.project_id order by s.queued_at, s.id) - 1)::int as ahead
        from sessions s
        where s.workspace_id = ${ws} and s.project_id = any(${ids}) and s.status = 'open' and s.assigned_user_id is null
          and (select entered.any from entered)
      ) r
      where r.notified is null
    ),
    heads as (
      select h.id, h.ahead from unnest(${ids}) as pid
      cross join lateral (
        select s.id, (row_number() over (order by s.queued_at, s.id) - 1)::int as ahead
        from sessions s
        where s.project_id = pid and s.status = 'open' and s.assigned_user_id is null
        order by s.queued_at, s.id
        limit ${ANNOUNCED_POSITIONS}::int
      ) h
    ),
    picked as (select id, ahead from ranked union select id, ahead from heads)
    select s.id, s.project_id, s.chat_id, s.skill_group_id, s.queue_notified_position as notified, p.ahead,
           c.last_agent_user_id
    from picked p
    join sessions s on s.id = p.id
    join contacts c on c.id = s.contact_id
    where s.queue_notified_position is null or (p.ahead < ${ANNOUNCED_POSITIONS}::int and p.ahead <> s.queue_notified_position)
  `);

  const logged: { session_id: string; project_id: string; rule: string; candidates: number; reason: string }[] = [];
  const positions: { id: string; ahead: number }[] = [];
  const tell: { session: Waiting; text: string }[] = [];
  for (const session of waiting) {
    const project = state.projects.get(session.project_id)!;
    const decision =
      session.notified === null
        ? decide(
            state.agents,
            project,
            { skillGroupId: session.skill_group_id, lastAgentUserId: session.last_agent_user_id },
            state.staffedGroups,
          )
        : null;
    // Committed after this drain read the queue, and someone can take it: the wake-up its own commit
    // triggers decides it; telling it a position now would be wrong.
    if (decision?.chosen && !blocked.has(session.project_id) && !state.planExpired) continue;
    positions.push({ id: session.id, ahead: session.ahead });
    const text = queueMessageText(project, session.ahead);
    if (project.sendsMessages && text.trim()) tell.push({ session, text });
    if (!decision) continue;
    // Someone could take it, but the queue is first come, first served: earlier sessions wait for the same agents.
    const reason = state.planExpired
      ? PLAN_EXPIRED_REASON
      : decision.chosen
        ? `Waiting in line: ${plural(session.ahead, "earlier session", "earlier sessions")} of this project ${session.ahead === 1 ? "is" : "are"} waiting`
        : decision.reason;
    logged.push({
      session_id: session.id,
      project_id: session.project_id,
      rule: decision.rule,
      candidates: decision.chosen && !state.planExpired ? decision.candidates : 0,
      reason,
    });
  }

  if (positions.length === 0) return [];
  await tx.execute(sql`
    with positions as (
      select * from jsonb_to_recordset(${JSON.stringify(positions)}::jsonb) as p(id uuid, ahead int)
    ),
    log as (
      insert into session_log (workspace_id, project_id, session_id, kind, rule, candidates, reason)
      select ${ws}, l.project_id, l.session_id, 'queued', l.rule, l.candidates, l.reason
      from jsonb_to_recordset(${JSON.stringify(logged)}::jsonb)
        as l(session_id uuid, project_id uuid, rule varchar, candidates int, reason text)
    )
    update sessions s set queue_notified_position = p.ahead
    from positions p
    where s.id = p.id and s.workspace_id = ${ws}
  `);

  // Pipelined on the transaction's connection: one round trip for all of them, not two per message.
  const sent = await Promise.all(
    tell.map(({ session, text }) =>
      enqueueOutgoing(tx, {
        workspaceId,
        projectId: session.project_id,
        sessionId: session.id,
        chatId: Number(session.chat_id),
        author: "bot",
        text,
      }),
    ),
  );
  const events: BusEvent[] = sent.flatMap((message) => message.events);
  for (const projectId of new Set(logged.map((row) => row.project_id))) {
    events.push({ type: "queue.updated", workspaceId, projectId });
  }
  return events;
}

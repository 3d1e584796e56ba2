import { sql } from "drizzle-orm";
import { cancelTimers } from "@/db/schedule-timer";
import type { memberships, statusCauseEnum } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import type { BusEvent } from "@/server/events/types";
import { updateGraceTimers } from "./grace-period";

export type AgentStatus = (typeof memberships.status.enumValues)[number];
export type StatusCause = (typeof statusCauseEnum.enumValues)[number];

/**
 * Sets a member's agent status in the caller's transaction (which must hold `lockWorkspaceRouting`
 * when the change can free or take capacity): updates memberships (status, awayReason, cause,
 * statusChangedAt), appends agent_status_log, starts or cancels grace periods (`updateGraceTimers`). A change to the
 * same status and reason is a no-op (no log row). Returns the events to publish after commit; the
 * caller runs `wakeRouting` after commit when the agent became eligible.
 */
export async function changeStatus(
  tx: Tx,
  change: {
    workspaceId: string;
    userId: string;
    to: AgentStatus;
    awayReason?: string | null;
    cause: StatusCause;
    actorUserId?: string | null;
  },
): Promise<{ changed: boolean; from: AgentStatus; events: BusEvent[] }> {
  const { workspaceId, userId, to, cause } = change;
  const reason = to === "away" ? (change.awayReason ?? null) : null;
  // One round trip: lock the row, update it only when something changes, and log exactly that change.
  const rows = await tx.execute<{ from_status: AgentStatus; changed: boolean }>(sql`
    with old as (
      select status, away_reason from memberships
      where workspace_id = ${workspaceId}::uuid and user_id = ${userId}::uuid
      for update
    ),
    changed as (
      update memberships m
      set status = ${to}::agent_status, away_reason = ${reason}::varchar, status_cause = ${cause}::status_cause,
          status_changed_at = now()
      from old
      where m.workspace_id = ${workspaceId}::uuid and m.user_id = ${userId}::uuid
        and (old.status <> ${to}::agent_status or old.away_reason is distinct from ${reason}::varchar)
      returning m.user_id
    ),
    logged as (
      insert into agent_status_log (workspace_id, user_id, from_status, to_status, away_reason, cause, actor_user_id)
      select ${workspaceId}::uuid, ${userId}::uuid, old.status, ${to}::agent_status, ${reason}::varchar,
             ${cause}::status_cause, ${change.actorUserId ?? null}::uuid
      from old, changed
      returning id
    )
    select old.status as from_status, exists (select from changed) as changed from old
  `);
  const row = rows[0];
  if (!row) throw new DomainError("not_found", "That person is no longer a member of this workspace.");
  const from = row.from_status;
  if (!row.changed) return { changed: false, from, events: [] };

  await updateGraceTimers(tx, { workspaceId, userId, from, to });
  // Nobody idles while offline; the next console heartbeat schedules the idle timeout again.
  if (to === "offline") await cancelTimers(tx, workspaceId, ["idle"], { userId });
  return { changed: true, from, events: [{ type: "agent.updated", workspaceId, userId }] };
}

import { and, eq, inArray, sql } from "drizzle-orm";
import { memberships } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import type { BusEvent } from "@/server/events/types";
import { changeStatus } from "./change-status";
import { loadStatusChange } from "./status-rules";

/** Open sessions assigned to the member: what counts against their capacity (all projects of the workspace). */
export const openSessionsOf = sql<number>`(
  select count(*) from sessions s
  where s.workspace_id = ${memberships.workspaceId} and s.assigned_user_id = ${memberships.userId} and s.status = 'open'
)::int`;

/**
 * After sessions were assigned to or taken from these agents (caller holds the routing lock):
 * an Available agent at capacity becomes Busy (cause "capacity"); a Busy-by-capacity agent below it
 * becomes Available; a Finishing agent with no open session becomes Away. Returns the events.
 */
export async function applyLoadStatus(tx: Tx, workspaceId: string, userIds: string[]): Promise<BusEvent[]> {
  const ids = [...new Set(userIds.filter(Boolean))];
  if (!ids.length) return [];
  const agents = await tx
    .select({
      userId: memberships.userId,
      status: memberships.status,
      statusCause: memberships.statusCause,
      capacity: memberships.capacity,
      openSessions: openSessionsOf,
    })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, ids)));

  const events: BusEvent[] = [];
  for (const agent of agents) {
    const target = loadStatusChange(agent);
    if (!target) continue;
    const result = await changeStatus(tx, { workspaceId, userId: agent.userId, ...target });
    events.push(...result.events);
  }
  return events;
}

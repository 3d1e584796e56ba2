import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import { memberships } from "@/db/schema";
import type { Kv } from "@/lib/kv/types";
import { publishCommitted } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { changeStatus, type AgentStatus, type StatusCause } from "./change-status";
import { pushIdleDeadline } from "./idle-timeout";
import { activityKey, ACTIVITY_TTL_MS, IDLE_PUSH_WINDOW_MS, idlePushKey, presenceKey, presenceTtlSeconds } from "./presence-keys";
import { hasAgentStatus, heartbeatStatusChange, idleStatusChange } from "./status-rules";

export type HeartbeatResult = { status: AgentStatus; awayReason: string | null; statusCause: StatusCause } | null;

/**
 * An open console says it is there (every 20 s, and on focus), and whether its user interacted since
 * the last beat. Presence lives in the KV with a TTL; PostgreSQL is read once and written only when
 * the member comes online (Offline → Not ready) or, at most once a minute, to move the idle deadline.
 * Returns the member's status (null for members without one: marketers).
 */
export async function recordHeartbeat(
  db: Database,
  kv: Kv,
  input: { workspaceId: string; userId: string; active: boolean },
  options: { ttlSeconds?: number } = {},
): Promise<HeartbeatResult> {
  const { workspaceId, userId, active } = input;
  const ttlMs = (options.ttlSeconds ?? presenceTtlSeconds()) * 1000;
  const now = String(Date.now());

  const [[member], , , pushIdle] = await Promise.all([
    db
      .select({
        role: memberships.role,
        status: memberships.status,
        awayReason: memberships.awayReason,
        statusCause: memberships.statusCause,
      })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1),
    kv.set(presenceKey(workspaceId, userId), now, { ttlMs }),
    active ? kv.set(activityKey(workspaceId, userId), now, { ttlMs: ACTIVITY_TTL_MS }) : null,
    active ? kv.set(idlePushKey(workspaceId, userId), now, { nx: true, ttlMs: IDLE_PUSH_WINDOW_MS }) : false,
  ]);
  if (!member || !hasAgentStatus(member.role)) return null;

  const online = heartbeatStatusChange(member);
  // Coming online starts the idle clock; later, activity moves it, for the statuses the idle timeout can end.
  const needsDeadline = online !== null || (pushIdle && idleStatusChange(member.status) !== null);
  if (!online && !needsDeadline) return { status: member.status, awayReason: member.awayReason, statusCause: member.statusCause };

  const events = await db.transaction(async (tx) => {
    const emitted: BusEvent[] = [];
    if (online) {
      await lockWorkspaceRouting(tx, workspaceId);
      emitted.push(...(await changeStatus(tx, { workspaceId, userId, ...online })).events);
    }
    if (needsDeadline) await pushIdleDeadline(tx, workspaceId, userId);
    return emitted;
  });
  await publishCommitted(events);
  return online
    ? { status: online.to, awayReason: online.awayReason, statusCause: online.cause }
    : { status: member.status, awayReason: member.awayReason, statusCause: member.statusCause };
}

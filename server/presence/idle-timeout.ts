import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import { scheduleTimer } from "@/db/schedule-timer";
import { memberships, timers, workspaces } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { kv as processKv } from "@/lib/kv";
import type { Kv } from "@/lib/kv/types";
import { publishCommitted } from "@/server/events/bus";
import { changeStatus } from "./change-status";
import { activityKey } from "./presence-keys";
import { idleStatusChange } from "./status-rules";

/** The member's idle deadline becomes now + the workspace's idle timeout (in the caller's transaction). */
export async function pushIdleDeadline(tx: Tx, workspaceId: string, userId: string): Promise<void> {
  await scheduleTimer(tx, {
    workspaceId,
    kind: "idle",
    userId,
    dueAt: sql`now() + make_interval(mins => (select ${workspaces.idleTimeoutMinutes} from ${workspaces} where ${workspaces.id} = ${workspaceId}::uuid))`,
  });
}

/**
 * A due `idle` timer (the sweeper claimed it: `dueAt` is its deadline, `leasedUntil` the `due_at` the claim's lease gave
 * the row, which is not a moved deadline): the agent goes Away ("Idle") if the deadline still stands.
 * Activity the heartbeat throttle did not write to PostgreSQL yet is read from the KV: when the agent
 * was active within the idle timeout, the deadline moves instead.
 */
export async function onIdleTimer(
  db: Database,
  timer: { workspaceId: string; userId: string | null; dueAt: Date; leasedUntil?: Date },
  kv: Kv = processKv(),
): Promise<void> {
  const { workspaceId, userId } = timer;
  if (!userId) return;
  const lastActive = Number((await kv.get(activityKey(workspaceId, userId))) ?? 0);

  const events = await db.transaction(async (tx) => {
    await lockWorkspaceRouting(tx, workspaceId);
    const [agent] = await tx
      .select({
        status: memberships.status,
        idleTimeoutMinutes: workspaces.idleTimeoutMinutes,
        moved: sql<boolean>`exists (
          select from ${timers} where ${and(
            eq(timers.workspaceId, workspaceId),
            eq(timers.kind, "idle"),
            eq(timers.userId, userId),
            // A second's margin: the claimed timer's own deadline, read back in milliseconds, never counts as moved.
            gt(timers.dueAt, new Date(timer.dueAt.getTime() + 1000)),
            timer.leasedUntil ? ne(timers.dueAt, timer.leasedUntil) : undefined,
          )}
        )`,
      })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1);
    if (!agent || agent.moved) return [];
    const target = idleStatusChange(agent.status);
    if (!target) return [];

    const deadline = lastActive + agent.idleTimeoutMinutes * 60_000;
    if (deadline > Date.now()) {
      await scheduleTimer(tx, { workspaceId, kind: "idle", userId, dueAt: new Date(deadline) });
      return [];
    }
    return (await changeStatus(tx, { workspaceId, userId, ...target })).events;
  });
  await publishCommitted(events);
}

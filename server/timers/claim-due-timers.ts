import { and, asc, eq, getTableColumns, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { secondsFromNow } from "@/db/schedule-timer";
import { timers } from "@/db/schema";

/**
 * A claimed timer: `dueAt` is the deadline it had (handlers judge by it), `leasedUntil` the `due_at`
 * the claim gave the row. The row stays until the timer is settled, so a sweeper dying in between
 * loses nothing: the timer is due again when the lease runs out (and its `dueAt` is then that lease).
 */
export type DueTimer = typeof timers.$inferSelect & { leasedUntil: Date };

/** How long a claimed timer stays with its sweeper before another may claim it (default). */
export const DEFAULT_LEASE_SECONDS = 120;

/**
 * The `due_at` of a lease, in whole milliseconds so that it reads back into a `Date` exactly (the
 * settling statements and the idle timer compare it for equality).
 */
export function leaseExpiry(leaseSeconds: number): SQL {
  return sql`date_trunc('milliseconds', now() + make_interval(secs => ${leaseSeconds}::double precision))`;
}

/**
 * Takes up to `limit` due timers, oldest deadline first, by moving their `due_at` a lease ahead, in
 * one statement: `FOR UPDATE SKIP LOCKED` lets several sweepers claim side by side without waiting for
 * each other, and a leased row is not due, so it cannot be claimed twice while the lease runs.
 */
export async function claimDueTimers(
  db: Database,
  limit: number,
  onlyWorkspaces?: string[],
  leaseSeconds = DEFAULT_LEASE_SECONDS,
): Promise<DueTimer[]> {
  const due = db.$with("due").as(
    db
      .select({ id: timers.id, dueAt: timers.dueAt })
      .from(timers)
      .where(and(lte(timers.dueAt, sql`now()`), onlyWorkspaces ? inArray(timers.workspaceId, onlyWorkspaces) : undefined))
      .orderBy(asc(timers.dueAt))
      .limit(limit)
      .for("update", { skipLocked: true }),
  );
  const claimed = await db
    .with(due)
    .update(timers)
    .set({ dueAt: leaseExpiry(leaseSeconds) })
    .from(due)
    .where(eq(timers.id, due.id))
    .returning({ ...getTableColumns(timers), dueAt: due.dueAt, leasedUntil: timers.dueAt });
  return claimed.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
}

/** The rows still carrying their claim's lease: a timer scheduled again or cancelled meanwhile is not ours any more. */
function stillLeased(claimed: DueTimer[]): SQL | undefined {
  return or(...claimed.map((timer) => and(eq(timers.id, timer.id), eq(timers.dueAt, timer.leasedUntil))));
}

/**
 * Removes handled (or given-up) timers, in one statement. A timer whose deadline was set again while
 * it was handled keeps that new deadline; a cancelled one is already gone.
 */
export async function settleTimers(db: Database, claimed: DueTimer[]): Promise<void> {
  if (!claimed.length) return;
  await db.delete(timers).where(stillLeased(claimed));
}

/**
 * A timer whose handler failed is due again in `delaySeconds`. A deadline someone set for the same
 * subject in the meantime wins (it is newer), a cancelled timer stays cancelled. Keeps `createdAt`,
 * so a timer failing for a day can be given up.
 */
export async function retryTimerLater(db: Database, timer: DueTimer, delaySeconds: number): Promise<void> {
  await db
    .update(timers)
    .set({ dueAt: secondsFromNow(delaySeconds) })
    .where(stillLeased([timer]));
}

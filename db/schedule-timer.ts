import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Database } from "./client";
import { timers } from "./schema";
import type { Tx } from "./transaction";

export type TimerKind = (typeof timers.kind.enumValues)[number];

/** What a timer is about: a session, a user, or both (accept: the session and the agent it waits for). */
export type TimerSubject = { sessionId?: string | null; userId?: string | null };

/**
 * Sets a deadline in the caller's transaction; scheduling the same (kind, session, user) again
 * moves the deadline. The sweeper (server/timers/sweeper.ts) fires it once it is due.
 */
export async function scheduleTimer(
  tx: Tx,
  timer: { workspaceId: string; kind: TimerKind; dueAt: Date | SQL } & TimerSubject,
): Promise<void> {
  await tx
    .insert(timers)
    .values({
      workspaceId: timer.workspaceId,
      kind: timer.kind,
      sessionId: timer.sessionId ?? null,
      userId: timer.userId ?? null,
      dueAt: timer.dueAt,
    })
    .onConflictDoUpdate({
      target: [timers.workspaceId, timers.kind, timers.sessionId, timers.userId],
      set: {
        dueAt: timer.dueAt,
        // A new deadline: a day of failed retries (server/timers/sweeper.ts) counts from now.
        createdAt: sql`now()`,
      },
    });
}

/** Removes the timers of these kinds about a subject (a given field must match; an omitted one matches any). */
export async function cancelTimers(
  tx: Tx | Database,
  workspaceId: string,
  kinds: TimerKind[],
  subject: TimerSubject,
): Promise<void> {
  const where: SQL[] = [eq(timers.workspaceId, workspaceId), inArray(timers.kind, kinds)];
  if (subject.sessionId !== undefined) {
    where.push(subject.sessionId === null ? isNull(timers.sessionId) : eq(timers.sessionId, subject.sessionId));
  }
  if (subject.userId !== undefined)
    where.push(subject.userId === null ? isNull(timers.userId) : eq(timers.userId, subject.userId));
  if (where.length === 2) throw new Error("cancelTimers needs a session or a user");
  await tx.delete(timers).where(and(...where));
}

/** `seconds` from now on the database's clock, which every instance shares (use as a timer's `dueAt`). */
export function secondsFromNow(seconds: number): SQL {
  return sql`now() + make_interval(secs => ${seconds}::double precision)`;
}

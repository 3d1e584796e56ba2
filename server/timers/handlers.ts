import type { Database } from "@/db/client";
import type { TimerKind } from "@/db/schedule-timer";
import { onIdleTimer } from "@/server/presence/idle-timeout";
import { onAcceptTimer } from "./accept-timer";
import type { DueTimer } from "./claim-due-timers";
import { onFirstResponseTimer } from "./first-response-timer";
import { onGraceTimer } from "./grace-timer";
import { onTransferTimer } from "./transfer-timer";

/**
 * Runs a due timer (already claimed: its row carries the lease until the sweeper settles it; scheduling
 * the same subject again replaces the lease with the new deadline, which then stays). Returns whether it changed anything: false when the condition
 * it was set for no longer holds. Throwing means "try again later".
 */
export type TimerHandler = (db: Database, timer: DueTimer) => Promise<boolean>;

export const TIMER_HANDLERS: Record<TimerKind, TimerHandler> = {
  accept: onAcceptTimer,
  grace: onGraceTimer,
  transfer: onTransferTimer,
  first_response: onFirstResponseTimer,
  idle: async (db, timer) => {
    const { workspaceId, userId, dueAt, leasedUntil } = timer;
    await onIdleTimer(db, { workspaceId, userId, dueAt, leasedUntil });
    return true;
  },
};

import type { Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import type { Tx } from "@/db/transaction";
import { publishCommitted } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { wakeRouting } from "@/server/routing/wake";

/**
 * Runs a due timer's change of who works what in one transaction holding the workspace's routing
 * lock; after commit, publishes its events and lets routing look at the workspace's queues again
 * (the change freed an agent's capacity or put sessions back). `change` answers null when the
 * condition the timer was set for no longer holds. Returns whether anything changed.
 */
export async function runTimerChange(
  db: Database,
  workspaceId: string,
  change: (tx: Tx) => Promise<BusEvent[] | null>,
): Promise<boolean> {
  const events = await db.transaction(async (tx) => {
    await lockWorkspaceRouting(tx, workspaceId);
    return change(tx);
  });
  if (!events) return false;
  await publishCommitted(events);
  await wakeRouting(db, workspaceId);
  return true;
}

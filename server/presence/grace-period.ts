import { sql } from "drizzle-orm";
import { cancelTimers } from "@/db/schedule-timer";
import type { Tx } from "@/db/transaction";
import type { AgentStatus } from "./change-status";

const GONE: ReadonlySet<AgentStatus> = new Set<AgentStatus>(["away", "offline"]);
const BACK: ReadonlySet<AgentStatus> = new Set<AgentStatus>(["available", "busy"]);

/**
 * The grace period of an agent's open sessions (the grace timer puts them back in the queue when it runs out).
 * Called by `changeStatus` in its transaction: an agent going Away/Offline gets a grace timer for
 * each open session (per project grace minutes), one coming back to Available/Busy has them cancelled.
 * Going from Away to Offline keeps the deadlines already running (the grace counts from leaving).
 */
export async function updateGraceTimers(
  tx: Tx,
  change: { workspaceId: string; userId: string; from: AgentStatus; to: AgentStatus },
): Promise<void> {
  if (GONE.has(change.to)) {
    await tx.execute(sql`
      insert into timers (workspace_id, kind, session_id, user_id, due_at)
      select s.workspace_id, 'grace', s.id, s.assigned_user_id, now() + make_interval(mins => p.grace_minutes)
      from sessions s join projects p on p.id = s.project_id
      where s.workspace_id = ${change.workspaceId}::uuid and s.assigned_user_id = ${change.userId}::uuid and s.status = 'open'
      on conflict on constraint timers_one_per_subject do nothing
    `);
  } else if (BACK.has(change.to)) {
    await cancelTimers(tx, change.workspaceId, ["grace"], { userId: change.userId });
  }
}

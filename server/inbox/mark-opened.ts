import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { publishCommitted } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { cancelTimers } from "@/db/schedule-timer";
import type { Tx } from "@/db/transaction";

/**
 * The assigned agent has the session in front of them: sets accepted_at (once), logs "accepted" and
 * cancels the accept timer that would kick them out. Does nothing for anyone else, or a second time.
 */
export async function acceptSession(
  tx: Tx,
  { workspaceId, userId, sessionId }: { workspaceId: string; userId: string; sessionId: string },
): Promise<boolean> {
  // One statement: only the assigned agent's first opening sets it, even with two tabs racing.
  const accepted = await tx.execute<{ session_id: string }>(sql`
    with accepted as (
      update sessions set accepted_at = now()
      where id = ${sessionId}::uuid and workspace_id = ${workspaceId}::uuid and assigned_user_id = ${userId}::uuid
        and status = 'open' and accepted_at is null
      returning id, workspace_id, project_id
    )
    insert into session_log (workspace_id, project_id, session_id, kind, actor_user_id, to_user_id)
    select workspace_id, project_id, id, 'accepted', ${userId}::uuid, ${userId}::uuid from accepted
    returning session_id`);
  if (!accepted.length) return false;
  await cancelTimers(tx, workspaceId, ["accept"], { sessionId, userId });
  return true;
}

/** `inbox.markOpened`: the console calls it when the assigned agent opens their session; idempotent. */
export async function markOpened(
  db: Database,
  input: { workspaceId: string; userId: string; sessionId: string },
): Promise<{ accepted: boolean }> {
  const accepted = await db.transaction((tx) => acceptSession(tx, input));
  if (accepted) {
    const events: BusEvent[] = [{ type: "session.updated", workspaceId: input.workspaceId, sessionId: input.sessionId }];
    await publishCommitted(events);
  }
  return { accepted };
}

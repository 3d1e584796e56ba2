import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { publishCommitted } from "@/server/events/bus";
import type { DueTimer } from "./claim-due-timers";

/**
 * A session passed its project's first-response threshold without an agent's answer: it is marked
 * escalated and the session log says so, in one statement; supervisors' consoles hear
 * `session.escalated`. A session answered, closed or already escalated is left alone.
 */
export async function onFirstResponseTimer(db: Database, timer: DueTimer): Promise<boolean> {
  const { workspaceId, sessionId } = timer;
  if (!sessionId) return false;
  const rows = await db.execute<{ session_id: string }>(sql`
    with escalated as (
      update sessions s set escalated_at = now()
      from projects p
      where s.id = ${sessionId}::uuid and s.workspace_id = ${workspaceId}::uuid and p.id = s.project_id
        and s.status = 'open' and s.first_response_at is null and s.escalated_at is null
      returning s.id, s.workspace_id, s.project_id, s.assigned_user_id, p.first_response_minutes
    )
    insert into session_log (workspace_id, project_id, session_id, kind, to_user_id, reason)
    select workspace_id, project_id, id, 'escalated', assigned_user_id,
           'No first answer within ' || first_response_minutes || ' minute' || case when first_response_minutes = 1 then '' else 's' end
    from escalated
    returning session_id
  `);
  if (!rows.length) return false;
  await publishCommitted([
    { type: "session.escalated", workspaceId, sessionId },
    { type: "session.updated", workspaceId, sessionId },
  ]);
  return true;
}

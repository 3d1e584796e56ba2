import { sql } from "drizzle-orm";
import { sessions } from "@/db/schema";

/**
 * A waiting session's place in its project's queue (1 = next), in queue order (queued_at, then id);
 * null for a session that is assigned or closed. Counted with the `sessions_queue` index.
 */
export const queuePosition = sql<
  number | null
>`case when ${sessions.status} = 'open' and ${sessions.assignedUserId} is null then (
  select nullif(count(*), 0)::int from sessions ahead
  where ahead.project_id = ${sessions.projectId} and ahead.status = 'open' and ahead.assigned_user_id is null
    and (ahead.queued_at, ahead.id) <= (${sessions.queuedAt}, ${sessions.id})
) end`;

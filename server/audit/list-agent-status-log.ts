import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { agentStatusLog, users } from "@/db/schema";
import type { AgentStatusFilters } from "./audit-filters";
import { afterCursor, inTimeRange, pageOf, type LogPage } from "./log-page";

/**
 * Agent status changes of a workspace, newest first, filtered by agent and time; paged like the session
 * log. Each row: who, from which status to which, the Away reason, the cause, and who set it when it
 * was not the agent.
 */
export async function listAgentStatusLog(db: Database, workspaceId: string, filters: AgentStatusFilters, page: LogPage) {
  const rows = await db
    .select({
      id: agentStatusLog.id,
      at: agentStatusLog.at,
      userId: agentStatusLog.userId,
      agentName: sql<string>`coalesce(${users.name}, ${users.email})`,
      fromStatus: agentStatusLog.fromStatus,
      toStatus: agentStatusLog.toStatus,
      awayReason: agentStatusLog.awayReason,
      cause: agentStatusLog.cause,
      actorUserId: agentStatusLog.actorUserId,
      actorName: sql<string | null>`(select coalesce(a.name, a.email) from users a where a.id = ${agentStatusLog.actorUserId})`,
    })
    .from(agentStatusLog)
    .innerJoin(users, eq(users.id, agentStatusLog.userId))
    .where(
      and(
        eq(agentStatusLog.workspaceId, workspaceId),
        filters.agentId ? eq(agentStatusLog.userId, filters.agentId) : undefined,
        inTimeRange(agentStatusLog.at, filters),
        afterCursor(agentStatusLog, workspaceId, page.cursor),
      ),
    )
    .orderBy(desc(agentStatusLog.at), desc(agentStatusLog.id))
    .limit(page.limit + 1);
  return pageOf(rows, page.limit);
}

export type AgentStatusEntry = Awaited<ReturnType<typeof listAgentStatusLog>>["items"][number];

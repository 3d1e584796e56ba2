import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { agentStatusLog, users } from "@/db/schema";
import type { AgentStatus, StatusCause } from "./change-status";

export type StatusLogEntry = {
  id: number;
  at: Date;
  userId: string;
  userName: string;
  fromStatus: AgentStatus;
  toStatus: AgentStatus;
  awayReason: string | null;
  cause: StatusCause;
  /** The supervisor or admin who set it; null when the agent or the system did. */
  actorName: string | null;
};

/** The Agent Status Log, newest first: who went from what to what, why and when (and who did it). */
export async function listStatusLog(
  db: Database,
  workspaceId: string,
  options: { userId?: string; cursor?: number | null; limit: number },
): Promise<{ entries: StatusLogEntry[]; nextCursor: number | null }> {
  const actor = alias(users, "actor");
  const where: SQL[] = [eq(agentStatusLog.workspaceId, workspaceId)];
  if (options.userId) where.push(eq(agentStatusLog.userId, options.userId));
  if (options.cursor) where.push(lt(agentStatusLog.id, options.cursor));
  const rows = await db
    .select({
      id: agentStatusLog.id,
      at: agentStatusLog.at,
      userId: agentStatusLog.userId,
      userName: users.name,
      userEmail: users.email,
      fromStatus: agentStatusLog.fromStatus,
      toStatus: agentStatusLog.toStatus,
      awayReason: agentStatusLog.awayReason,
      cause: agentStatusLog.cause,
      actorName: actor.name,
      actorEmail: actor.email,
    })
    .from(agentStatusLog)
    .innerJoin(users, eq(users.id, agentStatusLog.userId))
    .leftJoin(actor, eq(actor.id, agentStatusLog.actorUserId))
    .where(and(...where))
    .orderBy(desc(agentStatusLog.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  return {
    entries: page.map(({ userName, userEmail, actorName, actorEmail, ...row }) => ({
      ...row,
      userName: userName || userEmail,
      actorName: actorEmail === null ? null : actorName || actorEmail,
    })),
    nextCursor: rows.length > options.limit ? page.at(-1)!.id : null,
  };
}

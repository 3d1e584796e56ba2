import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { listAwayReasons, type AwayReason } from "./away-reasons";
import type { AgentStatus, StatusCause } from "./change-status";
import { hasAgentStatus } from "./status-rules";

export type MyStatus = {
  userId: string;
  /** False for marketers: they have no status and no switcher. */
  hasStatus: boolean;
  status: AgentStatus;
  awayReason: string | null;
  statusCause: StatusCause;
  statusChangedAt: Date;
  /** What the switcher offers under Away. */
  awayReasons: AwayReason[];
};

/** The header switcher's state: the caller's own status and the reasons they can go Away with. */
export async function getMyStatus(db: Database, workspaceId: string, userId: string): Promise<MyStatus> {
  const [[member], awayReasons] = await Promise.all([
    db
      .select({
        role: memberships.role,
        status: memberships.status,
        awayReason: memberships.awayReason,
        statusCause: memberships.statusCause,
        statusChangedAt: memberships.statusChangedAt,
      })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1),
    listAwayReasons(db, workspaceId),
  ]);
  if (!member) throw new DomainError("not_found", "Workspace not found.");
  const { role, ...status } = member;
  return { userId, hasStatus: hasAgentStatus(role), ...status, awayReasons };
}

import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { riskTriggers } from "@/db/schema";
import { DomainError } from "@/server/errors";

/** The agent decided not to send a message that needed confirming: its pending records become "cancelled". */
export async function cancelRiskCheck(
  db: Database,
  { workspaceId, userId, checkId }: { workspaceId: string; userId: string; checkId: string },
): Promise<{ cancelled: number }> {
  const rows = await db
    .update(riskTriggers)
    .set({ outcome: "cancelled", decidedAt: sql`now()` })
    .where(
      and(
        eq(riskTriggers.checkId, checkId),
        eq(riskTriggers.workspaceId, workspaceId),
        eq(riskTriggers.agentUserId, userId),
        eq(riskTriggers.outcome, "pending"),
      ),
    )
    .returning({ id: riskTriggers.id });
  if (rows.length === 0) {
    throw new DomainError("conflict", "There is nothing to cancel: this message was already sent or cancelled.");
  }
  return { cancelled: rows.length };
}

import { sql } from "drizzle-orm";
import type { Tx } from "./transaction";

/**
 * Serialises every change of who works what in one workspace: routing decisions, manual assign,
 * transfer, take-over, close, member removal, status changes that free or take capacity. Agents'
 * capacity spans all projects of the workspace, so the lock is per workspace. It is a transaction
 * advisory lock: released at commit or rollback, held across every server instance.
 */
export async function lockWorkspaceRouting(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`routing:${workspaceId}`}::text, 0))`);
}

import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import { memberships } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import { applyLoadStatus } from "@/server/presence/load-status";
import { wakeRouting } from "@/server/routing/wake";

const NOT_A_MEMBER = "This person is not a member of the workspace.";

/**
 * How many sessions a member works at once. Under the routing lock their load status follows at
 * once (at capacity → Busy, below it → Available again), and routing runs for freed capacity.
 */
export async function setCapacity(db: Database, input: { workspaceId: string; userId: string; capacity: number }) {
  const { workspaceId, userId } = input;
  const events = await db.transaction(async (tx) => {
    await lockWorkspaceRouting(tx, workspaceId);
    const [row] = await tx
      .update(memberships)
      .set({ capacity: input.capacity })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .returning({ userId: memberships.userId });
    if (!row) throw new DomainError("not_found", NOT_A_MEMBER);
    return applyLoadStatus(tx, workspaceId, [userId]);
  });
  await publishCommitted([...events, { type: "agent.updated", workspaceId, userId }]);
  await wakeRouting(db, workspaceId);
}

/** "May transfer sessions" and "may view all sessions" (the latter matters for agents: supervisors and up see all). */
export async function setPermissions(
  db: Database,
  input: { workspaceId: string; userId: string; mayTransfer?: boolean; mayViewAll?: boolean },
) {
  const { workspaceId, userId, mayTransfer, mayViewAll } = input;
  if (mayTransfer === undefined && mayViewAll === undefined) throw new DomainError("invalid", "Choose a permission to change.");
  const [row] = await db
    .update(memberships)
    .set({ mayTransfer, mayViewAll })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .returning({ mayTransfer: memberships.mayTransfer, mayViewAll: memberships.mayViewAll });
  if (!row) throw new DomainError("not_found", NOT_A_MEMBER);
  await publishCommitted([{ type: "agent.updated", workspaceId, userId }]);
  return row;
}

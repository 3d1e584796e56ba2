import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import { memberships } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import { wakeRouting } from "@/server/routing/wake";
import type { Role } from "@/server/workspaces/roles";
import { releaseMemberWork } from "./release-work";
import { assertMayChangeMember } from "./role-rules";

/**
 * Takes someone out of the workspace. Under the routing lock their open sessions go back to the
 * queue first, so no session stays with a person who can no longer see it; routing then runs again.
 */
export async function removeMember(
  db: Database,
  input: { workspaceId: string; actor: { userId: string; role: Role }; userId: string },
) {
  const { workspaceId, userId } = input;
  const events = await db.transaction(async (tx) => {
    await lockWorkspaceRouting(tx, workspaceId);
    const [target] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1);
    if (!target) throw new DomainError("not_found", "This person is not a member of the workspace.");
    assertMayChangeMember(input.actor.role, target, "remove");
    const released = await releaseMemberWork(tx, {
      workspaceId,
      userId,
      actorUserId: input.actor.userId,
      reason: "Member removed",
    });
    await tx.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return released;
  });
  // Their open event streams of this workspace close at once (access.member_removed).
  await publishCommitted([
    ...events,
    { type: "agent.updated", workspaceId, userId },
    { type: "access.member_removed", workspaceId, userId },
  ]);
  await wakeRouting(db, workspaceId);
}

import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import { memberships } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import type { PlanState } from "@/lib/access/plan-state";
import { changeStatus } from "@/server/presence/change-status";
import { wakeRouting } from "@/server/routing/wake";
import type { Role } from "@/server/workspaces/roles";
import { releaseMemberWork } from "./release-work";
import { assertMayChangeMember, assertMayGrant } from "./role-rules";
import { assertSeatFree, lockWorkspaceSeats, takesSeat } from "./seat-quota";
import type { AssignableRole } from "./team-input";

/**
 * Gives a member another role. Becoming a seat role takes a seat (checked against the quota under
 * the workspace lock); becoming a marketer frees it: their sessions go back to the queue and they go offline.
 */
export async function changeRole(
  db: Database,
  input: { workspaceId: string; actor: { userId: string; role: Role }; userId: string; role: AssignableRole; plan: PlanState },
) {
  const { workspaceId, userId, actor } = input;
  assertMayGrant(actor.role, input.role);
  const outcome = await db.transaction(async (tx) => {
    await lockWorkspaceSeats(tx, workspaceId);
    const [target] = await tx
      .select({ role: memberships.role, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1);
    if (!target) throw new DomainError("not_found", "This person is not a member of the workspace.");
    assertMayChangeMember(actor.role, target, "change");
    if (target.role === input.role) return { events: [] as BusEvent[], released: false };
    if (!takesSeat(target.role) && takesSeat(input.role))
      await assertSeatFree(tx, workspaceId, input.plan, "members and invitations");

    const events: BusEvent[] = [];
    const released = takesSeat(target.role) && !takesSeat(input.role);
    if (released) {
      await lockWorkspaceRouting(tx, workspaceId);
      const reason = "Member's role changed to marketer";
      events.push(...(await releaseMemberWork(tx, { workspaceId, userId, actorUserId: actor.userId, reason })));
      if (target.status !== "offline") {
        const change = await changeStatus(tx, { workspaceId, userId, to: "offline", cause: "admin", actorUserId: actor.userId });
        events.push(...change.events);
      }
    }
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return { events, released };
  });
  await publishCommitted([...outcome.events, { type: "agent.updated", workspaceId, userId }]);
  if (outcome.released) await wakeRouting(db, workspaceId);
}

import { and, count, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, memberships, workspaces } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { roleMay, rolesThatMay } from "@/lib/access/permission";
import type { PlanState } from "@/lib/access/plan-state";
import type { Tx } from "@/db/transaction";
import type { Role } from "@/server/workspaces/roles";

type Plan = Pick<PlanState, "plan" | "label" | "quotas">;

export function takesSeat(role: Role): boolean {
  return roleMay(role, "inbox.work");
}

/** The quota message PRODUCT.md asks for: it names the plan, the quota and what to do. */
export function seatQuotaMessage(plan: Plan): string {
  const n = plan.quotas.seats;
  const included = `Your ${plan.label} plan includes ${n} ${n === 1 ? "seat" : "seats"} and all are taken.`;
  // Pro is the largest plan: there is nothing to upgrade to.
  const way =
    plan.plan === "pro"
      ? "Remove a member or revoke a pending invitation to add another."
      : "Remove a member or upgrade in Settings → Plan to add another.";
  return `${included} ${way}`;
}

/**
 * Locks the workspace row so seat checks of one workspace run one after the other (two accepts for
 * the last seat: one wins). NO KEY UPDATE still lets rows elsewhere in the workspace be inserted.
 */
export async function lockWorkspaceSeats(tx: Tx, workspaceId: string): Promise<void> {
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("no key update");
}

/** Seat members, and invitations to a seat role still waiting to be accepted (each holds a seat). */
export async function countSeats(tx: Tx | Database, workspaceId: string): Promise<{ members: number; pending: number }> {
  const [row] = await tx
    .select({
      members: count(),
      pending: sql<number>`(select count(*) from ${invitations} where ${and(
        eq(invitations.workspaceId, workspaceId),
        inArray(invitations.role, rolesThatMay("inbox.work")),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      )})`.mapWith(Number),
    })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, rolesThatMay("inbox.work"))));
  return { members: row?.members ?? 0, pending: row?.pending ?? 0 };
}

/**
 * Refuses one more seat (caller holds `lockWorkspaceSeats`). An invitation reserves its seat, so a new
 * invitation counts pending ones; accepting counts members only, since its own invitation held the seat.
 */
export async function assertSeatFree(tx: Tx, workspaceId: string, plan: Plan, counting: "members" | "members and invitations") {
  const seats = await countSeats(tx, workspaceId);
  const used = seats.members + (counting === "members" ? 0 : seats.pending);
  if (used >= plan.quotas.seats) throw new DomainError("quota_exceeded", seatQuotaMessage(plan), { quota: "seats" });
}

import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, memberships } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { hashPassword } from "@/server/auth/password";
import { createAccount, emailTakenError } from "@/server/auth/sign-up";
import { emailOf } from "@/server/auth/user-email";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import { loadPlanState } from "@/server/plans/load-plan-state";
import type { PlanState } from "@/lib/access/plan-state";
import { usableInvitation, type FoundInvitation } from "./find-invitation";
import { assertSeatFree, lockWorkspaceSeats, takesSeat } from "./seat-quota";

/** Where a new member lands: the inbox for those who work sessions, the overview for marketers. */
export function landingPath(slug: string, role: FoundInvitation["role"]): string {
  return takesSeat(role) ? `/${slug}/inbox` : `/${slug}`;
}

/** An email invitation belongs to the account with that email; a Telegram one to whoever holds the link. */
function assertInvitee(invitation: FoundInvitation, email: string): void {
  if (invitation.email && invitation.email !== email.toLowerCase()) {
    throw new DomainError(
      "forbidden",
      `This invitation is for ${invitation.email}, and you are signed in as ${email}. Sign out, then sign in or create an account as ${invitation.email}.`,
      { field: "email" },
    );
  }
}

async function livePlan(db: Database, invitation: FoundInvitation): Promise<PlanState> {
  const plan = await loadPlanState(db, invitation.workspace);
  if (plan.readOnly) {
    throw new DomainError(
      "plan_expired",
      `${invitation.workspace.name}'s ${plan.label} plan has expired, so it cannot take new members. Ask ${invitation.invitedBy ?? "the person who invited you"} to choose a plan, then open this link again.`,
    );
  }
  return plan;
}

/**
 * Makes the membership in the caller's transaction: seat re-checked under the workspace lock (the
 * last seat goes to one person only), the invitation used exactly once. Someone already a member
 * keeps their membership and the invitation stays unused.
 */
async function join(tx: Tx, invitation: FoundInvitation, plan: PlanState, userId: string): Promise<void> {
  const workspaceId = invitation.workspace.id;
  await lockWorkspaceSeats(tx, workspaceId);
  const [existing] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  if (existing) return;
  if (takesSeat(invitation.role)) {
    await assertSeatFree(tx, workspaceId, plan, "members");
  }
  const [used] = await tx
    .update(invitations)
    .set({ acceptedAt: sql`now()`, acceptedByUserId: userId })
    .where(
      and(
        eq(invitations.id, invitation.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: invitations.id });
  if (!used) {
    throw new DomainError(
      "conflict",
      "This invitation was just used or withdrawn. Ask the person who invited you for a new one.",
    );
  }
  await tx.insert(memberships).values({ workspaceId, userId, role: invitation.role, status: "offline", capacity: 5 });
}

async function joined(invitation: FoundInvitation, userId: string) {
  await publishCommitted([{ type: "agent.updated", workspaceId: invitation.workspace.id, userId }]);
  return { workspaceSlug: invitation.workspace.slug, landing: landingPath(invitation.workspace.slug, invitation.role) };
}

/** A signed-in person accepts: "Join <workspace>". */
export async function acceptInvitation(db: Database, input: { token: string; userId: string }) {
  const invitation = await usableInvitation(db, input.token);
  const email = await emailOf(db, input.userId);
  if (!email) throw new DomainError("unauthenticated", "Sign in to accept this invitation.");
  assertInvitee(invitation, email);
  const plan = await livePlan(db, invitation);
  await db.transaction((tx) => join(tx, invitation, plan, input.userId));
  return joined(invitation, input.userId);
}

/** Someone new creates their account from the invitation and joins in one transaction (no workspace of their own). */
export async function joinWithNewAccount(db: Database, input: { token: string; name: string; email: string; password: string }) {
  const invitation = await usableInvitation(db, input.token);
  assertInvitee(invitation, input.email);
  const plan = await livePlan(db, invitation);
  const passwordHash = await hashPassword(input.password);
  try {
    const userId = await db.transaction(async (tx) => {
      const id = await createAccount(tx, { name: input.name, email: input.email, passwordHash });
      await join(tx, invitation, plan, id);
      return id;
    });
    return joined(invitation, userId);
  } catch (error) {
    throw emailTakenError(error) ?? error;
  }
}

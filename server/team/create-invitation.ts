import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, memberships, users } from "@/db/schema";
import { randomSecret, sha256Hex } from "@/lib/crypto/secret-box";
import { DomainError } from "@/server/errors";
import type { PlanState } from "@/lib/access/plan-state";
import type { Role } from "@/server/workspaces/roles";
import { INVITATION_DAYS, invitationAddress, invitationLink } from "./invitation-link";
import { assertMayGrant } from "./role-rules";
import { assertSeatFree, lockWorkspaceSeats, takesSeat } from "./seat-quota";
import type { InvitationInput } from "./team-input";

/**
 * Invites someone by email or Telegram username. Only the token's SHA-256 is stored: the link is
 * returned here once. A pending invitation to the same address is replaced, and an invitation to a
 * seat role reserves a seat until it is accepted, revoked or expires.
 */
export async function createInvitation(
  db: Database,
  input: { workspaceId: string; actor: { userId: string; role: Role }; plan: PlanState; invitation: InvitationInput },
) {
  const { workspaceId, invitation } = input;
  assertMayGrant(input.actor.role, invitation.role);
  const token = randomSecret(32);
  const sameAddress = invitation.email
    ? eq(invitations.email, invitation.email)
    : eq(invitations.telegramUsername, invitation.telegramUsername!);

  const row = await db.transaction(async (tx) => {
    await lockWorkspaceSeats(tx, workspaceId);
    if (invitation.email) {
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.workspaceId, workspaceId), eq(users.email, invitation.email)))
        .limit(1);
      if (member) {
        throw new DomainError("conflict", `${invitation.email} is already a member of this workspace.`, { field: "address" });
      }
    }
    // A re-invite replaces the pending one, whose link stops working.
    await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(eq(invitations.workspaceId, workspaceId), sameAddress, isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
      );
    if (takesSeat(invitation.role)) await assertSeatFree(tx, workspaceId, input.plan, "members and invitations");
    const [created] = await tx
      .insert(invitations)
      .values({
        workspaceId,
        email: invitation.email,
        telegramUsername: invitation.telegramUsername,
        role: invitation.role,
        tokenHash: sha256Hex(token),
        invitedByUserId: input.actor.userId,
        expiresAt: sql`now() + make_interval(days => ${INVITATION_DAYS})`,
      })
      .returning({ id: invitations.id, expiresAt: invitations.expiresAt });
    return created!;
  });

  return {
    id: row.id,
    role: invitation.role,
    address: invitationAddress(invitation),
    link: invitationLink(token),
    expiresAt: row.expiresAt,
  };
}

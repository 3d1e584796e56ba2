import { roleMay } from "@/lib/access/permission";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { Role } from "@/server/workspaces/roles";

/** Stops a pending invitation's link from working and frees the seat it held. */
export async function revokeInvitation(db: Database, input: { workspaceId: string; invitationId: string; actorRole: Role }) {
  const [invitation] = await db
    .select({ role: invitations.role, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt })
    .from(invitations)
    .where(and(eq(invitations.id, input.invitationId), eq(invitations.workspaceId, input.workspaceId)))
    .limit(1);
  if (!invitation) throw new DomainError("not_found", "Invitation not found.");
  if (invitation.role === "admin" && !roleMay(input.actorRole, "team.manage_admins")) {
    throw new DomainError("forbidden", "Only the owner can revoke an invitation to become an admin.");
  }
  if (invitation.acceptedAt)
    throw new DomainError("conflict", "This invitation was already accepted. Remove the member instead.");
  if (invitation.revokedAt) return;
  await db
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.id, input.invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
}

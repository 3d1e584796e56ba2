import type { Database } from "@/db/client";
import { emailOf } from "@/server/auth/user-email";
import { findMembership } from "@/server/workspaces/membership";
import { landingPath } from "./accept-invitation";
import {
  findInvitation,
  invitationProblem,
  UNKNOWN_INVITATION,
  type FoundInvitation,
  type InvitationProblem,
} from "./find-invitation";

/** What an invitation link shows its visitor. */
export type InvitationVisit =
  | { kind: "closed"; problem: InvitationProblem }
  /** Already a member: straight into the workspace, whatever became of the link. */
  | { kind: "member"; landing: string }
  /** Signed in with another address than the one invited. */
  | { kind: "other-account"; invitation: FoundInvitation; email: string }
  | { kind: "signed-in"; invitation: FoundInvitation; email: string | null }
  | { kind: "signed-out"; invitation: FoundInvitation };

/** Decides what `/invite/{token}` shows the visitor (`userId`: who is signed in, if anyone). */
export async function visitInvitation(db: Database, token: string, userId: string | null): Promise<InvitationVisit> {
  const invitation = await findInvitation(db, token);
  if (!invitation) return { kind: "closed", problem: UNKNOWN_INVITATION };
  const membership = userId ? await findMembership(db, userId, { workspaceId: invitation.workspace.id }) : null;
  if (membership) return { kind: "member", landing: landingPath(invitation.workspace.slug, membership.role) };
  const problem = invitationProblem(invitation);
  if (problem) return { kind: "closed", problem };
  if (!userId) return { kind: "signed-out", invitation };
  const email = await emailOf(db, userId);
  if (email && invitation.email && invitation.email !== email) return { kind: "other-account", invitation, email };
  return { kind: "signed-in", invitation, email };
}

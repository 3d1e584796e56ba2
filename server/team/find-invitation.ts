import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, users, workspaces } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto/secret-box";
import { DomainError } from "@/server/errors";
import { invitationTokenSchema } from "./team-input";

export type InvitationState = "pending" | "expired" | "revoked" | "used";

/** An invitation as its link shows it: the workspace, the role and whether it can still be accepted. */
export async function findInvitation(db: Database, token: string) {
  if (!invitationTokenSchema.safeParse(token).success) return null;
  const [row] = await db
    .select({
      id: invitations.id,
      role: invitations.role,
      email: invitations.email,
      telegramUsername: invitations.telegramUsername,
      expiresAt: invitations.expiresAt,
      invitedBy: users.name,
      state: sql<InvitationState>`case
        when ${invitations.acceptedAt} is not null then 'used'
        when ${invitations.revokedAt} is not null then 'revoked'
        when ${invitations.expiresAt} <= now() then 'expired'
        else 'pending' end`,
      workspace: {
        id: workspaces.id,
        name: workspaces.name,
        slug: workspaces.slug,
        plan: workspaces.plan,
        trialEndsAt: workspaces.trialEndsAt,
      },
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .where(eq(invitations.tokenHash, sha256Hex(token)))
    .limit(1);
  return row ?? null;
}
export type FoundInvitation = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

const DAY = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export type InvitationProblem = { title: string; message: string };

/** What someone opening a link that matches no invitation reads. */
export const UNKNOWN_INVITATION: InvitationProblem = {
  title: "This invitation link is not valid",
  message:
    "Check that you opened the whole link you were sent. If it still does not work, ask the person who invited you for a new invitation.",
};

/** What the invitee reads when a link cannot be accepted, and what to do about it; null while it can be. */
export function invitationProblem(
  invitation: Pick<FoundInvitation, "state" | "expiresAt" | "invitedBy">,
): InvitationProblem | null {
  const asker = invitation.invitedBy ?? "the person who invited you";
  switch (invitation.state) {
    case "expired":
      return {
        title: "This invitation has expired",
        message: `Invitations are valid for 7 days and this one ended on ${DAY.format(invitation.expiresAt)}. Ask ${asker} to invite you again.`,
      };
    case "revoked":
      return {
        title: "This invitation was withdrawn",
        message: `The link no longer works, usually because a newer invitation replaced it. Ask ${asker} to send you the current link.`,
      };
    case "used":
      return {
        title: "This invitation was already used",
        message: `Sign in with the account that accepted it. If that was not you, ask ${asker} for a new invitation.`,
      };
    case "pending":
      return null;
  }
}

/** The invitation behind a token, or a DomainError saying why it cannot be accepted. */
export async function usableInvitation(db: Database, token: string): Promise<FoundInvitation> {
  const invitation = await findInvitation(db, token);
  if (!invitation) throw new DomainError("not_found", `${UNKNOWN_INVITATION.title}. ${UNKNOWN_INVITATION.message}`);
  const problem = invitationProblem(invitation);
  if (problem) throw new DomainError("conflict", `${problem.title}. ${problem.message}`);
  return invitation;
}

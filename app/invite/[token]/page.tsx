import { eq } from "drizzle-orm";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { JoinInvitationButton } from "@/components/team/join-invitation-button";
import { JoinWithAccountForm } from "@/components/team/join-with-account-form";
import { SwitchAccountButton } from "@/components/team/switch-account-button";
import { database } from "@/db/client";
import { users } from "@/db/schema";
import { currentUserId } from "@/server/auth/session";
import { landingPath } from "@/server/team/accept-invitation";
import { findInvitation, invitationProblem, UNKNOWN_INVITATION } from "@/server/team/find-invitation";
import { invitationAddress } from "@/server/team/invitation-link";
import { roleInSentence } from "@/server/team/role-words";
import { findMembership } from "@/server/workspaces/membership";

export const metadata = { title: "Your invitation" };

function CannotJoin({ title, message }: { title: string; message: string }) {
  return (
    <AuthCard title={title} subtitle={message} footer={null}>
      <Link
        href="/"
        className="block rounded-md bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700"
      >
        Go to Deskgram
      </Link>
    </AuthCard>
  );
}

/** Where an invitation link leads: join as the signed-in account, create one, or sign in first. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = database();
  const [invitation, userId] = await Promise.all([findInvitation(db, token), currentUserId()]);
  if (!invitation) return <CannotJoin {...UNKNOWN_INVITATION} />;

  const { workspace } = invitation;
  // Someone already a member just goes in, whatever became of the link.
  const membership = userId ? await findMembership(db, userId, { workspaceId: workspace.id }) : null;
  if (membership) redirect(landingPath(workspace.slug, membership.role));

  const problem = invitationProblem(invitation);
  if (problem) return <CannotJoin {...problem} />;

  const subtitle = `${invitation.invitedBy ?? "A teammate"} invited you to join ${workspace.name} as ${roleInSentence(invitation.role)}.`;
  const title = `Join ${workspace.name}`;

  if (userId) {
    const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
    if (user && invitation.email && invitation.email !== user.email) {
      return (
        <AuthCard title={title} subtitle={subtitle} footer={<>The invitation was sent to {invitationAddress(invitation)}.</>}>
          <div className="space-y-4">
            <p className="text-sm text-slate-700">
              This invitation is for <strong>{invitation.email}</strong>, and you are signed in as <strong>{user.email}</strong>.
              Sign out, then sign in or create an account as {invitation.email}.
            </p>
            <SwitchAccountButton />
          </div>
        </AuthCard>
      );
    }
    return (
      <AuthCard title={title} subtitle={subtitle} footer={<>Signed in as {user?.email}.</>}>
        <div className="space-y-3">
          <JoinInvitationButton token={token} workspaceName={workspace.name} />
          <SwitchAccountButton />
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={title}
      subtitle={`${subtitle} Create your account to accept.`}
      footer={
        <>
          Already have an account?{" "}
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
            className="font-medium text-brand-700 hover:underline"
          >
            Sign in to accept
          </Link>
        </>
      }
    >
      <JoinWithAccountForm token={token} workspaceName={workspace.name} email={invitation.email} />
    </AuthCard>
  );
}

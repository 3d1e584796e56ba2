import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { JoinInvitationButton } from "@/components/team/join-invitation-button";
import { JoinWithAccountForm } from "@/components/team/join-with-account-form";
import { SwitchAccountButton } from "@/components/team/switch-account-button";
import { database } from "@/db/client";
import { currentUserId } from "@/server/auth/session";
import { invitationAddress } from "@/server/team/invitation-link";
import { visitInvitation } from "@/server/team/invitation-visit";
import { roleInSentence } from "@/server/team/role-words";

export const metadata = { title: "Your invitation" };

/** Where an invitation link leads: join as the signed-in account, create one, or sign in first. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const visit = await visitInvitation(database(), token, await currentUserId());
  if (visit.kind === "member") redirect(visit.landing);
  if (visit.kind === "closed") {
    return (
      <AuthCard title={visit.problem.title} subtitle={visit.problem.message} footer={null}>
        <Link
          href="/"
          className="block rounded-md bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700"
        >
          Go to Deskgram
        </Link>
      </AuthCard>
    );
  }

  const { invitation } = visit;
  const { workspace } = invitation;
  const subtitle = `${invitation.invitedBy ?? "A teammate"} invited you to join ${workspace.name} as ${roleInSentence(invitation.role)}.`;
  const title = `Join ${workspace.name}`;

  if (visit.kind === "other-account") {
    return (
      <AuthCard title={title} subtitle={subtitle} footer={<>The invitation was sent to {invitationAddress(invitation)}.</>}>
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            This invitation is for <strong>{invitation.email}</strong>, and you are signed in as <strong>{visit.email}</strong>.
            Sign out, then sign in or create an account as {invitation.email}.
          </p>
          <SwitchAccountButton />
        </div>
      </AuthCard>
    );
  }
  if (visit.kind === "signed-in") {
    return (
      <AuthCard title={title} subtitle={subtitle} footer={<>Signed in as {visit.email}.</>}>
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

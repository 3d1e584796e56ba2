import { notFound } from "next/navigation";
import { z } from "zod";
import { ConversationView } from "@/components/inbox/conversation-view";
import { database } from "@/db/client";
import { canUseInbox } from "@/server/inbox/roles";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ workspaceSlug: string; sessionId: string }> }) {
  const { workspaceSlug, sessionId } = await params;
  if (!z.uuid().safeParse(sessionId).success) notFound();
  const { user, membership } = await consoleMembership(workspaceSlug);
  if (!user || !membership || !canUseInbox(membership.role)) notFound();
  const plan = await loadPlanState(database(), membership.workspace);
  const readOnlyReason = plan.readOnly
    ? `Your ${plan.label} plan has expired, so replies are paused. Choose a plan in Settings → Plan to answer customers again.`
    : null;
  return (
    <ConversationView
      workspaceId={membership.workspace.id}
      slug={membership.workspace.slug}
      sessionId={sessionId}
      viewerId={user.id}
      readOnlyReason={readOnlyReason}
    />
  );
}

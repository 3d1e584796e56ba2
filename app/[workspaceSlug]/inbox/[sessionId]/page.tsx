import { notFound } from "next/navigation";
import { z } from "zod";
import { ConversationView } from "@/components/inbox/conversation-view";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ workspaceSlug: string; sessionId: string }> }) {
  const { workspaceSlug, sessionId } = await params;
  if (!z.uuid().safeParse(sessionId).success) notFound();
  const { user, membership, access } = await consoleMembership(workspaceSlug);
  if (!user || !membership || !access("inbox.view").allowed) notFound();
  const work = access("inbox.work");
  const readOnlyReason = work.allowed ? null : work.reason;
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

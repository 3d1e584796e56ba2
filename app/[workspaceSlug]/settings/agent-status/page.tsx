import { notFound } from "next/navigation";
import { AgentStatusSettings } from "@/components/presence/agent-status-settings";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Agent status settings" };

export default async function AgentStatusSettingsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  return <AgentStatusSettings workspaceId={membership.workspace.id} access={access("status.settings")} />;
}

import { notFound } from "next/navigation";
import { AgentStatusSettings, type SettingsAccess } from "@/components/presence/agent-status-settings";
import { database } from "@/db/client";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Agent status settings" };

export default async function AgentStatusSettingsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const plan = await loadPlanState(database(), membership.workspace);
  const access: SettingsAccess = plan.readOnly
    ? {
        canEdit: false,
        reason: `Your ${plan.label} plan has expired, so these settings are read-only. Choose a plan in Settings → Plan.`,
      }
    : membership.role === "owner" || membership.role === "admin"
      ? { canEdit: true, reason: null }
      : { canEdit: false, reason: "Only owners and admins can change the idle timeout and the Away reasons." };
  return <AgentStatusSettings workspaceId={membership.workspace.id} access={access} />;
}

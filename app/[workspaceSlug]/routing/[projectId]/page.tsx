import { notFound } from "next/navigation";
import { routingAccess, ROUTING_READERS } from "@/components/routing/routing-access";
import { RoutingSettingsPanel } from "@/components/routing/routing-settings-panel";
import { Alert } from "@/components/ui/alert";
import { database } from "@/db/client";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { projectIdSchema } from "@/server/projects/project-input";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Routing settings" };

export default async function ProjectRoutingPage({ params }: { params: Promise<{ workspaceSlug: string; projectId: string }> }) {
  const { workspaceSlug, projectId } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership || !projectIdSchema.safeParse(projectId).success) notFound();
  if (!(ROUTING_READERS as readonly string[]).includes(membership.role)) {
    return (
      <div className="mx-auto max-w-3xl">
        <Alert tone="info">Only owners, admins and supervisors can see routing settings.</Alert>
      </div>
    );
  }
  const plan = await loadPlanState(database(), membership.workspace);
  return (
    <div className="mx-auto max-w-3xl">
      <RoutingSettingsPanel
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        projectId={projectId}
        access={routingAccess(membership.role, plan)}
      />
    </div>
  );
}

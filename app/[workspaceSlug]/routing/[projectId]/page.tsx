import { notFound } from "next/navigation";
import { RoutingSettingsPanel } from "@/components/routing/routing-settings-panel";
import { Alert } from "@/components/ui/alert";
import { projectIdSchema } from "@/server/projects/project-input";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Routing settings" };

export default async function ProjectRoutingPage({ params }: { params: Promise<{ workspaceSlug: string; projectId: string }> }) {
  const { workspaceSlug, projectId } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership || !projectIdSchema.safeParse(projectId).success) notFound();
  const view = access("routing.view");
  if (!view.allowed) {
    return (
      <div className="mx-auto max-w-3xl">
        <Alert tone="info">{view.reason}</Alert>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-3xl">
      <RoutingSettingsPanel
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        projectId={projectId}
        access={access("routing.manage")}
      />
    </div>
  );
}

import { notFound } from "next/navigation";
import { WorkspaceNameForm } from "@/components/settings/workspace-name-form";
import { Card } from "@/components/ui/card";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "General settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const { id, name, slug } = membership.workspace;
  return (
    <Card title="Workspace">
      <WorkspaceNameForm workspace={{ id, name, slug }} canEdit={membership.role === "owner" || membership.role === "admin"} />
    </Card>
  );
}

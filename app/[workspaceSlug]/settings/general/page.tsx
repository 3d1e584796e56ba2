import { notFound } from "next/navigation";
import { WorkspaceNameForm } from "@/components/settings/workspace-name-form";
import { Card } from "@/components/ui/card";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "General settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const { id, name, slug } = membership.workspace;
  return (
    <Card title="Workspace">
      <WorkspaceNameForm workspace={{ id, name, slug }} canEdit={access("workspace.rename").allowed} />
    </Card>
  );
}

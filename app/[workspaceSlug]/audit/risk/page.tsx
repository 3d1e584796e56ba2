import { notFound } from "next/navigation";
import { RiskTriggersAudit } from "@/components/risk/risk-triggers-audit";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Risk triggers" };

export default async function RiskTriggersPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  // The audit layout explains the refusal; nothing of the records is rendered for other roles.
  if (!access("audit.view").allowed) return null;
  return <RiskTriggersAudit workspaceId={membership.workspace.id} slug={membership.workspace.slug} />;
}

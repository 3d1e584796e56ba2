import { notFound } from "next/navigation";
import { RiskTriggersAudit } from "@/components/risk/risk-triggers-audit";
import { canAudit } from "@/server/audit/audit-filters";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Risk triggers" };

export default async function RiskTriggersPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  // The audit layout explains the refusal; nothing of the records is rendered for other roles.
  if (!canAudit(membership.role)) return null;
  return <RiskTriggersAudit workspaceId={membership.workspace.id} slug={membership.workspace.slug} />;
}

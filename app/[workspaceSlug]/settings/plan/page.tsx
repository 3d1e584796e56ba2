import { notFound } from "next/navigation";
import { PlanOverview } from "@/components/plan/plan-overview";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Plan" };

export default async function PlanPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  return <PlanOverview workspaceId={membership.workspace.id} />;
}

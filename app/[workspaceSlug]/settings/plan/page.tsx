import { notFound } from "next/navigation";
import { PlanOverview } from "@/components/plan/plan-overview";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Plan" };

export default async function PlanPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <p className="text-sm text-slate-500">Settings</p>
        <h1 className="text-2xl font-semibold">Plan</h1>
      </div>
      <PlanOverview workspaceId={membership.workspace.id} />
    </div>
  );
}

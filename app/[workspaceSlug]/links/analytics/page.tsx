import { notFound } from "next/navigation";
import { AnalyticsPage } from "@/components/links/analytics/analytics-page";
import { AnalyticsView } from "@/components/links/analytics/analytics-view";
import { database } from "@/db/client";
import { canReadAnalytics } from "@/server/links/analytics-filters";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Link analytics" };

export default async function LinkAnalyticsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const plan = await loadPlanState(database(), membership.workspace);
  return (
    <AnalyticsPage
      slug={membership.workspace.slug}
      title="Link analytics"
      about="Which links and channels bring customers to your bots: clicks, unique visitors, Starts and conversations."
      allowed={canReadAnalytics(membership.role)}
    >
      <AnalyticsView
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        linkId={null}
        expiredPlan={plan.readOnly ? plan.label : null}
      />
    </AnalyticsPage>
  );
}

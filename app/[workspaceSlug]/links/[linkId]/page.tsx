import { notFound } from "next/navigation";
import { z } from "zod";
import { AnalyticsPage } from "@/components/links/analytics/analytics-page";
import { AnalyticsView } from "@/components/links/analytics/analytics-view";
import { database } from "@/db/client";
import { canReadAnalytics } from "@/server/links/analytics-filters";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Link analytics" };

export default async function LinkPage({ params }: { params: Promise<{ workspaceSlug: string; linkId: string }> }) {
  const { workspaceSlug, linkId } = await params;
  if (!z.uuid().safeParse(linkId).success) notFound();
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const plan = await loadPlanState(database(), membership.workspace);
  return (
    <AnalyticsPage
      slug={membership.workspace.slug}
      title="One link"
      about="Clicks, unique visitors, Starts and conversations this link brought, by channel, device and referrer."
      allowed={canReadAnalytics(membership.role)}
    >
      <AnalyticsView
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        linkId={linkId}
        expiredPlan={plan.readOnly ? plan.label : null}
      />
    </AnalyticsPage>
  );
}

import { notFound } from "next/navigation";
import { AnalyticsPage } from "@/components/links/analytics/analytics-page";
import { AnalyticsView } from "@/components/links/analytics/analytics-view";
import { database } from "@/db/client";
import { canReadAnalytics } from "@/server/links/analytics-filters";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { consoleMembership } from "@/server/workspaces/console-membership";

type Props = { workspaceSlug: string; linkId: string | null; title: string; about: string };

/** What both analytics routes render: the member's workspace and plan, their role's check, then the figures. */
export async function LinkAnalyticsRoute({ workspaceSlug, linkId, title, about }: Props) {
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const plan = await loadPlanState(database(), membership.workspace);
  return (
    <AnalyticsPage slug={membership.workspace.slug} title={title} about={about} allowed={canReadAnalytics(membership.role)}>
      <AnalyticsView
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        linkId={linkId}
        expiredPlan={plan.readOnly ? plan.label : null}
      />
    </AnalyticsPage>
  );
}

import { notFound } from "next/navigation";
import { AnalyticsPage } from "@/components/links/analytics/analytics-page";
import { AnalyticsView } from "@/components/links/analytics/analytics-view";
import { planExpiredMessage } from "@/lib/access/permission";
import { consoleMembership } from "@/server/auth/console-membership";

type Props = { workspaceSlug: string; linkId: string | null; title: string; about: string };

/** What both analytics routes render: the member's workspace and plan, their role's check, then the figures. */
export async function LinkAnalyticsRoute({ workspaceSlug, linkId, title, about }: Props) {
  const { membership, plan, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  return (
    <AnalyticsPage slug={membership.workspace.slug} title={title} about={about} allowed={access("links.view").allowed}>
      <AnalyticsView
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        linkId={linkId}
        readOnlyReason={plan.readOnly ? planExpiredMessage(plan) : null}
      />
    </AnalyticsPage>
  );
}

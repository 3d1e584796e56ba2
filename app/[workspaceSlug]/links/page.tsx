import { notFound } from "next/navigation";
import { linkAccess } from "@/components/links/access";
import { LinksOverview } from "@/components/links/links-overview";
import { Alert } from "@/components/ui/alert";
import { database } from "@/db/client";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Links" };

export default async function LinksPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const plan = await loadPlanState(database(), membership.workspace);
  const access = linkAccess(membership.role, plan);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Diversion links</h1>
        <p className="mt-1 text-slate-600">
          Short links for ads, posts and emails: each click is recorded with its campaign, then the visitor lands in your bot.
        </p>
      </div>
      {access.canView ? (
        <LinksOverview workspaceId={membership.workspace.id} slug={membership.workspace.slug} access={access} />
      ) : (
        <Alert tone="info">{access.reason}</Alert>
      )}
    </div>
  );
}

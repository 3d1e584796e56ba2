import { notFound } from "next/navigation";
import { LinksOverview } from "@/components/links/links-overview";
import { Alert } from "@/components/ui/alert";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Links" };

export default async function LinksPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const view = access("links.view");
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Diversion links</h1>
        <p className="mt-1 text-slate-600">
          Short links for ads, posts and emails: each click is recorded with its campaign, then the visitor lands in your bot.
        </p>
      </div>
      {view.allowed ? (
        <LinksOverview workspaceId={membership.workspace.id} slug={membership.workspace.slug} access={access("links.manage")} />
      ) : (
        <Alert tone="info">{view.reason}</Alert>
      )}
    </div>
  );
}

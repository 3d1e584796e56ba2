import { notFound } from "next/navigation";
import { RoutingOverview } from "@/components/routing/routing-overview";
import { Alert } from "@/components/ui/alert";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Routing" };

export default async function RoutingPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const view = access("routing.view");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Routing</h1>
        <p className="mt-1 text-slate-600">
          Who gets each new conversation, per project: the rule, the agents, the order, and the timers that keep customers from
          waiting.
        </p>
      </div>
      {view.allowed ? (
        <RoutingOverview workspaceId={membership.workspace.id} slug={membership.workspace.slug} />
      ) : (
        <Alert tone="info">{view.reason}</Alert>
      )}
    </div>
  );
}

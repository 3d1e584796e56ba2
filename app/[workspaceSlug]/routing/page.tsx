import { notFound } from "next/navigation";
import { ROUTING_READERS } from "@/components/routing/routing-access";
import { RoutingOverview } from "@/components/routing/routing-overview";
import { Alert } from "@/components/ui/alert";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Routing" };

export default async function RoutingPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const allowed = (ROUTING_READERS as readonly string[]).includes(membership.role);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Routing</h1>
        <p className="mt-1 text-slate-600">
          Who gets each new conversation, per project: the rule, the agents, the order, and the timers that keep customers from
          waiting.
        </p>
      </div>
      {allowed ? (
        <RoutingOverview workspaceId={membership.workspace.id} slug={membership.workspace.slug} />
      ) : (
        <Alert tone="info">Only owners, admins and supervisors can see routing settings.</Alert>
      )}
    </div>
  );
}

import { notFound } from "next/navigation";
import { RiskGroupsOverview } from "@/components/risk/risk-groups-overview";
import { Alert } from "@/components/ui/alert";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Risk control" };

export default async function RiskControlPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const view = access("risk.view");
  // A plan without risk control is explained by the overview itself (with the way to upgrade).
  const manage = access("risk.manage");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Risk control</h1>
        <p className="mt-1 text-slate-600">
          Keywords and patterns checked on the server against every message an agent sends, before it leaves. A group either asks
          the agent to confirm, or blocks the message. Customer messages are never checked.
        </p>
      </div>
      {view.allowed ? (
        <RiskGroupsOverview
          workspaceId={membership.workspace.id}
          slug={membership.workspace.slug}
          readOnlyReason={manage.allowed || manage.kind === "feature" ? null : manage.reason}
        />
      ) : (
        <Alert tone="info">{view.reason}</Alert>
      )}
    </div>
  );
}

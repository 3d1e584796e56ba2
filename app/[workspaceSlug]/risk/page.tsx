import { notFound } from "next/navigation";
import { RiskGroupsOverview } from "@/components/risk/risk-groups-overview";
import { Alert } from "@/components/ui/alert";
import { database } from "@/db/client";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { RISK_EDIT_ROLES, RISK_READ_ROLES } from "@/server/risk/risk-access";
import { consoleMembership } from "@/server/workspaces/console-membership";
import type { Role } from "@/server/workspaces/roles";

export const metadata = { title: "Risk control" };

export default async function RiskControlPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const role = membership.role;
  const plan = await loadPlanState(database(), membership.workspace);
  const mayEdit = (RISK_EDIT_ROLES as readonly Role[]).includes(role);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Risk control</h1>
        <p className="mt-1 text-slate-600">
          Keywords and patterns checked on the server against every message an agent sends, before it leaves. A group either asks
          the agent to confirm, or blocks the message. Customer messages are never checked.
        </p>
      </div>
      {(RISK_READ_ROLES as readonly Role[]).includes(role) ? (
        <RiskGroupsOverview
          workspaceId={membership.workspace.id}
          slug={membership.workspace.slug}
          readOnlyReason={
            plan.readOnly
              ? `Your ${plan.label} plan has expired, so risk control is read-only. Choose a plan in Settings → Plan.`
              : mayEdit
                ? null
                : "Only owners and admins can change risk word groups; you can read them."
          }
        />
      ) : (
        <Alert tone="info">Only owners, admins and supervisors can see the risk word groups.</Alert>
      )}
    </div>
  );
}

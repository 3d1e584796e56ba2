import { notFound } from "next/navigation";
import { AgentsView } from "@/components/team/agents-view";
import { teamAccess } from "@/components/team/team-access";
import { database } from "@/db/client";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { TEAM_VIEWERS } from "@/server/team/role-rules";
import { consoleMembership } from "@/server/workspaces/console-membership";
import type { Role } from "@/server/workspaces/roles";

export const metadata = { title: "Agents" };

export default async function AgentsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { user, membership } = await consoleMembership(workspaceSlug);
  if (!user || !membership) notFound();
  const heading = (
    <div>
      <h1 className="text-2xl font-semibold">Agents</h1>
      <p className="mt-1 text-slate-600">
        Your team: who works sessions, in which role, how many at once and with which permissions.
      </p>
    </div>
  );
  if (!(TEAM_VIEWERS as readonly Role[]).includes(membership.role)) {
    return (
      <div className="mx-auto max-w-xl space-y-4 py-10">
        {heading}
        <p className="text-slate-600">
          The Agents page is for owners, admins and supervisors. Ask an owner or admin if you need to change your team.
        </p>
      </div>
    );
  }
  const plan = await loadPlanState(database(), membership.workspace);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      {heading}
      <AgentsView workspaceId={membership.workspace.id} viewerId={user.id} access={teamAccess(membership.role, plan)} />
    </div>
  );
}

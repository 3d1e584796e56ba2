import { notFound } from "next/navigation";
import { AgentsView } from "@/components/team/agents-view";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Agents" };

export default async function AgentsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { user, membership, access } = await consoleMembership(workspaceSlug);
  if (!user || !membership) notFound();
  const heading = (
    <div>
      <h1 className="text-2xl font-semibold">Agents</h1>
      <p className="mt-1 text-slate-600">
        Your team: who works sessions, in which role, how many at once and with which permissions.
      </p>
    </div>
  );
  if (!access("team.view").allowed) {
    return (
      <div className="mx-auto max-w-xl space-y-4 py-10">
        {heading}
        <p className="text-slate-600">
          The Agents page is for owners, admins and supervisors. Ask an owner or admin if you need to change your team.
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      {heading}
      <AgentsView
        workspaceId={membership.workspace.id}
        viewerId={user.id}
        access={{ manage: access("team.manage"), manageAdmins: access("team.manage_admins") }}
      />
    </div>
  );
}

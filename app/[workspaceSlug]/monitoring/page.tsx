import { notFound } from "next/navigation";
import { MonitoringView } from "@/components/monitoring/monitoring-view";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Monitoring" };

export default async function MonitoringPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  if (!access("status.watch").allowed) {
    return (
      <div className="mx-auto max-w-xl py-16 text-center">
        <h1 className="text-2xl font-semibold">Monitoring</h1>
        <p className="mt-2 text-slate-600">
          Monitoring is for owners, admins and supervisors. Ask an owner or admin to change your role if you lead the team.
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Monitoring</h1>
        <p className="mt-1 text-slate-600">Who is working, what waits for them, and every status change — live.</p>
      </div>
      <MonitoringView
        workspaceId={membership.workspace.id}
        viewerRole={membership.role}
        readOnlyReason={access("status.set_others").reason}
      />
    </div>
  );
}

import { notFound } from "next/navigation";
import { projectAccess } from "@/components/projects/access";
import { ProjectsOverview } from "@/components/projects/projects-overview";
import { database } from "@/db/client";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { consoleMembership } from "@/server/workspaces/console-membership";

export const metadata = { title: "Projects" };

export default async function ProjectsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  const plan = await loadPlanState(database(), membership.workspace);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Projects</h1>
        <p className="mt-1 text-slate-600">Each project is one Telegram bot and the settings it answers customers with.</p>
      </div>
      <ProjectsOverview
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        access={projectAccess(membership.role, plan)}
      />
    </div>
  );
}

import { notFound } from "next/navigation";
import { ProjectsOverview } from "@/components/projects/projects-overview";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Projects" };

export default async function ProjectsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Projects</h1>
        <p className="mt-1 text-slate-600">Each project is one Telegram bot and the settings it answers customers with.</p>
      </div>
      <ProjectsOverview
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        access={access("projects.manage")}
      />
    </div>
  );
}

import { notFound } from "next/navigation";
import { ProjectDetail } from "@/components/projects/project-detail";
import { database } from "@/db/client";
import { DomainError } from "@/server/errors";
import { getProject } from "@/server/projects/get-project";
import { projectIdSchema } from "@/server/projects/project-input";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Project" };

export default async function ProjectPage({ params }: { params: Promise<{ workspaceSlug: string; projectId: string }> }) {
  const { workspaceSlug, projectId } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership || !projectIdSchema.safeParse(projectId).success) notFound();
  // Another workspace's project is a 404 like one that never existed (the query is scoped by workspace).
  const found = await getProject(database(), membership.workspace.id, projectId).catch((error: unknown) => {
    if (error instanceof DomainError && error.kind === "not_found") return null;
    throw error;
  });
  if (!found) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <ProjectDetail
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        projectId={projectId}
        access={access("projects.manage")}
      />
    </div>
  );
}

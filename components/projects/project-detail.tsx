"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Permission } from "@/lib/access/permission";
import { ArchiveProject } from "./archive-project";
import { BotCard } from "./bot-card";
import { ProjectNameForm } from "./project-name-form";
import { StatusBadge } from "./status-badge";
import { WelcomeMessageForm } from "./welcome-message-form";

type Props = { workspaceId: string; slug: string; projectId: string; access: Permission };

/** One project: its name, its bot, its welcome message, and archiving it. */
export function ProjectDetail({ workspaceId, slug, projectId, access }: Props) {
  const trpc = useTRPC();
  const query = useQuery(trpc.projects.get.queryOptions({ workspaceId, projectId }));

  if (query.isPending) {
    return <div className="h-64 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading project" />;
  }
  if (query.isError) {
    return (
      <Alert>
        Could not load this project: {errorMessage(query.error)}{" "}
        <Button variant="ghost" onClick={() => query.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  const project = query.data;
  const archived = project.archivedAt !== null;
  const canEdit = access.allowed && !archived;
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-semibold" data-testid="project-name">
          {project.name}
        </h1>
        <StatusBadge status={project.status} archived={archived} />
      </div>
      {archived && (
        <Alert tone="info">
          Archived on {project.archivedAt!.toLocaleDateString(undefined, { dateStyle: "medium" })}. Its conversations are kept;
          nothing here can be changed.
        </Alert>
      )}
      {!archived && access.reason && <Alert tone="info">{access.reason}</Alert>}
      <Card title="Name">
        <ProjectNameForm workspaceId={workspaceId} project={project} canEdit={canEdit} />
      </Card>
      {!archived && <BotCard workspaceId={workspaceId} project={project} bot={project.bot} canEdit={canEdit} />}
      <Card title="When a customer presses Start">
        <WelcomeMessageForm workspaceId={workspaceId} project={project} canEdit={canEdit} />
      </Card>
      {canEdit && (
        <ArchiveProject workspaceId={workspaceId} slug={slug} project={project} botUsername={project.bot?.username ?? null} />
      )}
      <p>
        <Link href={`/${slug}/projects`} className="text-sm text-brand-700 hover:underline">
          ← All projects
        </Link>
      </p>
    </div>
  );
}

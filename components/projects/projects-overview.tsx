"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Permission } from "@/lib/access/permission";
import { CreateProjectForm } from "./create-project-form";
import { ProjectList } from "./project-list";

type Props = { workspaceId: string; slug: string; access: Permission };

/** The Projects page: every project of the workspace and, for admins, a way to add one. */
export function ProjectsOverview({ workspaceId, slug, access }: Props) {
  const trpc = useTRPC();
  const [showArchived, setShowArchived] = useState(false);
  const list = useQuery(trpc.projects.list.queryOptions({ workspaceId, includeArchived: showArchived }));

  return (
    <div className="space-y-4">
      {access.allowed ? (
        <Card title="New project">
          <CreateProjectForm workspaceId={workspaceId} slug={slug} />
        </Card>
      ) : (
        access.reason && <Alert tone="info">{access.reason}</Alert>
      )}
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-900">Your projects</h2>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          Show archived
        </label>
      </div>
      {list.isPending ? (
        <div className="h-24 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading projects" />
      ) : list.isError ? (
        <Alert>
          Could not load your projects: {errorMessage(list.error)}{" "}
          <Button variant="ghost" onClick={() => list.refetch()}>
            Retry
          </Button>
        </Alert>
      ) : list.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-5 py-8 text-center text-sm text-slate-600">
          {showArchived ? "No projects yet." : "No projects yet — create one to connect your bot."}
        </p>
      ) : (
        <ProjectList slug={slug} projects={list.data} />
      )}
    </div>
  );
}

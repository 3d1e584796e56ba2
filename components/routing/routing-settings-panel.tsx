"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RoutingSettingsForm } from "./routing-settings-form";
import type { Permission } from "@/lib/access/permission";

type Props = {
  workspaceId: string;
  slug: string;
  projectId: string;
  /** Whether this person may change routing here, and if not, why. */
  access: Permission;
};

/** The Routing page of one project. */
export function RoutingSettingsPanel({ workspaceId, slug, projectId, access }: Props) {
  const trpc = useTRPC();
  const query = useQuery(trpc.routing.settings.queryOptions({ workspaceId, projectId }));

  if (query.isPending) {
    return (
      <div className="h-96 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading routing settings" />
    );
  }
  if (query.isError) {
    return (
      <Alert>
        Could not load the routing settings: {errorMessage(query.error)}{" "}
        <Button variant="ghost" onClick={() => query.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  const { project, settings, members, skillGroups } = query.data;
  return (
    <div className="space-y-4">
      <div>
        <Link href={`/${slug}/routing`} className="text-sm text-brand-700 hover:underline">
          ← All projects
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">
          Routing · <span data-testid="routing-project-name">{project.name}</span>
        </h1>
      </div>
      {project.archived ? (
        <Alert tone="info">This project is archived, so its routing can no longer be changed.</Alert>
      ) : (
        access.reason && <Alert tone="info">{access.reason}</Alert>
      )}
      <RoutingSettingsForm
        key={projectId}
        workspaceId={workspaceId}
        slug={slug}
        projectId={projectId}
        initial={settings}
        members={members}
        skillGroups={skillGroups}
        canEdit={access.allowed && !project.archived}
      />
    </div>
  );
}

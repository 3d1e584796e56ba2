"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ConfirmButton } from "./confirm-button";
import { useRefreshProjects } from "./use-refresh-projects";

type Props = { workspaceId: string; slug: string; project: { id: string; name: string }; botUsername: string | null };

export function ArchiveProject({ workspaceId, slug, project, botUsername }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefreshProjects();
  const archive = useMutation(
    trpc.projects.archive.mutationOptions({
      onSuccess: () => {
        // Leave first: this page has nothing left to edit once the project is archived.
        router.push(`/${slug}/projects`);
        void refresh();
      },
    }),
  );
  const bot = botUsername ? ` @${botUsername} is disconnected first.` : "";
  return (
    <Card title="Archive">
      <div className="space-y-3">
        <p className="text-sm text-slate-600">
          An archived project stops receiving messages and no longer counts against your plan. Its conversations are kept.
        </p>
        {archive.error && <Alert>{errorMessage(archive.error)}</Alert>}
        <ConfirmButton
          label="Archive project"
          question={`Archive ${project.name}?${bot} This cannot be undone from the console.`}
          confirmLabel="Yes, archive"
          pending={archive.isPending}
          onConfirm={() => archive.mutate({ workspaceId, projectId: project.id })}
        />
      </div>
    </Card>
  );
}

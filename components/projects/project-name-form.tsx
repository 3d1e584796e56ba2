"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { projectNameSchema } from "@/server/projects/project-input";
import { useClientCheck } from "@/components/ui/use-client-check";
import { useRefreshProjects } from "./use-refresh-projects";

type Props = { workspaceId: string; project: { id: string; name: string }; canEdit: boolean };

export function ProjectNameForm({ workspaceId, project, canEdit }: Props) {
  const trpc = useTRPC();
  const refresh = useRefreshProjects();
  const [name, setName] = useState(project.name);
  const { problem: invalid, check, clear } = useClientCheck(projectNameSchema, "Check the name.");
  const rename = useMutation(trpc.projects.rename.mutationOptions({ onSuccess: () => refresh() }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = check(name);
    if (checked !== null) rename.mutate({ workspaceId, projectId: project.id, name: checked });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <Field
        label="Project name"
        name="name"
        value={name}
        maxLength={60}
        onChange={(e) => {
          setName(e.target.value);
          clear();
          rename.reset();
        }}
        disabled={!canEdit}
        error={invalid ?? (rename.error ? errorMessage(rename.error) : null)}
      />
      {rename.isSuccess && <Alert tone="info">Project renamed.</Alert>}
      {canEdit && (
        <Button type="submit" pending={rename.isPending} disabled={name.trim() === project.name}>
          Save name
        </Button>
      )}
    </form>
  );
}

"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { projectNameSchema } from "@/server/projects/project-input";
import { useClientCheck } from "@/components/ui/use-client-check";
import { useRefreshProjects } from "./use-refresh-projects";

/** Names a new Draft project and opens it, where the bot is connected next. */
export function CreateProjectForm({ workspaceId, slug }: { workspaceId: string; slug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefreshProjects();
  const [name, setName] = useState("");
  const { problem: invalid, check, clear } = useClientCheck(projectNameSchema, "Check the name.");
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: async (project) => {
        await refresh();
        router.push(`/${slug}/projects/${project.id}`);
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = check(name);
    if (checked !== null) create.mutate({ workspaceId, name: checked });
  }

  const serverField = create.error ? errorField(create.error) : null;
  const serverMessage = create.error ? errorMessage(create.error) : null;
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <div className="flex flex-wrap items-start gap-3">
        <Field
          label="Project name"
          name="name"
          className="min-w-56 flex-1"
          value={name}
          maxLength={60}
          onChange={(e) => {
            setName(e.target.value);
            clear();
          }}
          hint="Up to 30 characters, e.g. the bot's brand or market."
          error={invalid ?? (serverField === "name" ? serverMessage : null)}
        />
        <Button type="submit" className="mt-6" pending={create.isPending}>
          Create project
        </Button>
      </div>
      {serverMessage && serverField !== "name" && <Alert>{serverMessage}</Alert>}
    </form>
  );
}

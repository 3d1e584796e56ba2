"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { welcomeMessageSchema } from "@/server/projects/project-input";
import { useClientCheck } from "@/components/ui/use-client-check";
import { useRefreshProjects } from "./use-refresh-projects";

const LIMIT = 4096;

type Props = { workspaceId: string; project: { id: string; welcomeMessage: string }; canEdit: boolean };

/** What the bot answers when a customer presses Start. */
export function WelcomeMessageForm({ workspaceId, project, canEdit }: Props) {
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshProjects();
  const [text, setText] = useState(project.welcomeMessage);
  const { problem: invalid, check, clear } = useClientCheck(welcomeMessageSchema, "Check the message.");
  const save = useMutation(trpc.projects.setWelcomeMessage.mutationOptions({ onSuccess: () => refresh() }));
  const error = invalid ?? (save.error ? errorMessage(save.error) : null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = check(text);
    if (checked !== null) save.mutate({ workspaceId, projectId: project.id, welcomeMessage: checked });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          Welcome message
        </label>
        <textarea
          id={id}
          name="welcomeMessage"
          rows={4}
          value={text}
          disabled={!canEdit}
          onChange={(e) => {
            setText(e.target.value);
            clear();
            save.reset();
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-note`}
          className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 disabled:bg-slate-50 ${
            error ? "border-red-400 focus:ring-red-300" : "border-slate-300 focus:ring-brand-500"
          }`}
        />
        <p id={`${id}-note`} className={`flex justify-between text-xs ${error ? "text-red-600" : "text-slate-500"}`}>
          <span>{error ?? "Sent when a customer presses Start, with or without a link payload."}</span>
          <span className={text.length > LIMIT ? "text-red-600" : undefined}>
            {text.length} / {LIMIT}
          </span>
        </p>
      </div>
      {save.isSuccess && <Alert tone="info">Welcome message saved.</Alert>}
      {canEdit && (
        <Button type="submit" pending={save.isPending} disabled={text === project.welcomeMessage}>
          Save welcome message
        </Button>
      )}
    </form>
  );
}

"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { MessageField } from "@/components/ui/message-field";
import { welcomeMessageSchema } from "@/server/projects/project-input";
import { useClientCheck } from "@/components/ui/use-client-check";
import { useRefreshProjects } from "./use-refresh-projects";

const LIMIT = 4096;

type Props = { workspaceId: string; project: { id: string; welcomeMessage: string }; canEdit: boolean };

/** What the bot answers when a customer presses Start. */
export function WelcomeMessageForm({ workspaceId, project, canEdit }: Props) {
  const trpc = useTRPC();
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
      <MessageField
        label="Welcome message"
        name="welcomeMessage"
        rows={4}
        value={text}
        max={LIMIT}
        disabled={!canEdit}
        onChange={(e) => {
          setText(e.target.value);
          clear();
          save.reset();
        }}
        error={error}
        hint="Sent when a customer presses Start, with or without a link payload."
      />
      {save.isSuccess && <Alert tone="info">Welcome message saved.</Alert>}
      {canEdit && (
        <Button type="submit" pending={save.isPending} disabled={text === project.welcomeMessage}>
          Save welcome message
        </Button>
      )}
    </form>
  );
}

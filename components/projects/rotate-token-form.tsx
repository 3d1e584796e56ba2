"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useRefreshProjects } from "./use-refresh-projects";

type Props = { workspaceId: string; projectId: string; username: string; onDone: () => void };

/** After "Revoke current token" in @BotFather: the new token of the same bot replaces the stored one. */
export function RotateTokenForm({ workspaceId, projectId, username, onDone }: Props) {
  const trpc = useTRPC();
  const refresh = useRefreshProjects();
  const [token, setToken] = useState("");
  const rotate = useMutation(
    trpc.projects.rotateBotToken.mutationOptions({
      onSuccess: async () => {
        setToken("");
        await refresh();
        onDone();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rotate.mutate({ workspaceId, projectId, token });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" noValidate>
      <Field
        label={`New token for @${username}`}
        name="token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => {
          setToken(e.target.value);
          rotate.reset();
        }}
        hint="From @BotFather: /revoke, then choose this bot."
        error={rotate.error ? errorMessage(rotate.error) : null}
      />
      <div className="flex gap-2">
        <Button type="submit" pending={rotate.isPending} disabled={!token.trim()}>
          Save new token
        </Button>
        <Button type="button" variant="ghost" onClick={onDone} disabled={rotate.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

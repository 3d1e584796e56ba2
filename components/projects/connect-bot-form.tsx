"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useRefreshProjects } from "./use-refresh-projects";

/**
 * The admin pastes the token from @BotFather; it goes to the server once and is never shown again.
 * When Deskgram runs against the Bot API sandbox, a sandbox bot can be made and filled in instead.
 */
export function ConnectBotForm({ workspaceId, projectId }: { workspaceId: string; projectId: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshProjects();
  const [token, setToken] = useState("");
  const sandbox = useQuery(trpc.sandbox.enabled.queryOptions({ workspaceId }));
  const connect = useMutation(
    trpc.projects.connectBot.mutationOptions({
      onSuccess: async () => {
        setToken("");
        await refresh();
      },
    }),
  );
  const sandboxBot = useMutation(
    trpc.sandbox.createBot.mutationOptions({
      onSuccess: (bot) => {
        setToken(bot.token);
        connect.reset();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    connect.mutate({ workspaceId, projectId, token });
  }

  const message = connect.error ? errorMessage(connect.error) : null;
  const onToken = connect.error && errorField(connect.error) === "token";
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <p className="text-sm text-slate-600">
        No bot is connected yet. In Telegram, open @BotFather, send /newbot (or /token for an existing bot) and paste the token
        here.
      </p>
      <Field
        label="Bot token"
        name="token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder="123456789:AA…"
        value={token}
        onChange={(e) => {
          setToken(e.target.value);
          connect.reset();
        }}
        hint="Stored encrypted; nobody can see it again, not even you."
        error={onToken ? message : null}
      />
      {message && !onToken && <Alert>{message}</Alert>}
      {sandboxBot.data && token === sandboxBot.data.token && (
        <Alert tone="info">Sandbox bot @{sandboxBot.data.username} created and filled in. Press Connect bot.</Alert>
      )}
      {sandboxBot.error && <Alert>Could not create a sandbox bot: {errorMessage(sandboxBot.error)}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={connect.isPending} disabled={!token.trim() || sandboxBot.isPending}>
          Connect bot
        </Button>
        {sandbox.data && (
          <Button
            type="button"
            variant="secondary"
            pending={sandboxBot.isPending}
            disabled={connect.isPending}
            onClick={() => sandboxBot.mutate({ workspaceId })}
          >
            Create a sandbox bot
          </Button>
        )}
      </div>
    </form>
  );
}

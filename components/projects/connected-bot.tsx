"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "./confirm-button";
import { RotateTokenForm } from "./rotate-token-form";
import { useRefreshProjects } from "./use-refresh-projects";

export type ConnectedBotInfo = { username: string; firstName: string; connectedAt: Date; tokenRotatedAt: Date | null };

type Props = {
  workspaceId: string;
  project: { id: string; status: "draft" | "active" | "inactive" };
  bot: ConnectedBotInfo;
  canEdit: boolean;
  onDisconnected: (result: { username: string; webhookRemoved: boolean }) => void;
};

const STATUS_NOTE = {
  active: "Receiving messages: what customers write to the bot arrives in the inbox.",
  inactive: "Paused: Telegram keeps what customers write (for about a day) and delivers it when you activate the project.",
  draft: "",
} as const;

const day = (d: Date) => d.toLocaleDateString(undefined, { dateStyle: "medium" });

/** A connected bot: who it is, whether it receives messages, and what an admin can do with it. */
export function ConnectedBot({ workspaceId, project, bot, canEdit, onDisconnected }: Props) {
  const trpc = useTRPC();
  const refresh = useRefreshProjects();
  const [rotating, setRotating] = useState(false);
  const ids = { workspaceId, projectId: project.id };
  const deactivate = useMutation(trpc.projects.deactivate.mutationOptions({ onSuccess: () => refresh() }));
  const activate = useMutation(trpc.projects.activate.mutationOptions({ onSuccess: () => refresh() }));
  const disconnect = useMutation(
    trpc.projects.disconnectBot.mutationOptions({
      onSuccess: async (result) => {
        onDisconnected({ username: bot.username, webhookRemoved: result.webhookRemoved });
        await refresh();
      },
    }),
  );
  const busy = deactivate.isPending || activate.isPending || disconnect.isPending;
  const failed = [deactivate, activate, disconnect].find((m) => m.isError)?.error;

  return (
    <div className="space-y-3">
      <div>
        <a
          href={`https://t.me/${bot.username}`}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="bot-username"
          className="text-lg font-medium text-brand-700 hover:underline"
        >
          @{bot.username}
        </a>
        <p className="text-sm text-slate-600">{bot.firstName}</p>
        <p className="text-xs text-slate-500">
          Connected {day(bot.connectedAt)}
          {bot.tokenRotatedAt && ` · token replaced ${day(bot.tokenRotatedAt)}`}
        </p>
      </div>
      <p className="text-sm text-slate-600">{STATUS_NOTE[project.status]}</p>
      {failed && <Alert>{errorMessage(failed)}</Alert>}
      {canEdit && (
        <div className="flex flex-wrap gap-2">
          {project.status === "active" ? (
            <Button
              type="button"
              variant="secondary"
              pending={deactivate.isPending}
              disabled={busy}
              onClick={() => deactivate.mutate(ids)}
            >
              Deactivate
            </Button>
          ) : (
            <Button type="button" pending={activate.isPending} disabled={busy} onClick={() => activate.mutate(ids)}>
              Activate
            </Button>
          )}
          {!rotating && (
            <Button type="button" variant="secondary" disabled={busy} onClick={() => setRotating(true)}>
              Rotate token
            </Button>
          )}
          <ConfirmButton
            label="Disconnect"
            question={`Disconnect @${bot.username}? Deskgram stops receiving its messages and forgets its token; conversations so far are kept.`}
            confirmLabel="Yes, disconnect"
            pending={disconnect.isPending}
            disabled={busy}
            onConfirm={() => disconnect.mutate(ids)}
          />
        </div>
      )}
      {canEdit && rotating && (
        <RotateTokenForm
          workspaceId={workspaceId}
          projectId={project.id}
          username={bot.username}
          onDone={() => setRotating(false)}
        />
      )}
    </div>
  );
}

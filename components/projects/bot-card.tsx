"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ConnectBotForm } from "./connect-bot-form";
import { ConnectedBot, type ConnectedBotInfo } from "./connected-bot";

type Props = {
  workspaceId: string;
  project: { id: string; status: "draft" | "active" | "inactive" };
  bot: ConnectedBotInfo | null;
  canEdit: boolean;
};

/** The project's Telegram bot: a token field while there is none, the bot and its controls once connected. */
export function BotCard({ workspaceId, project, bot, canEdit }: Props) {
  const [disconnected, setDisconnected] = useState<{ username: string; webhookRemoved: boolean } | null>(null);
  return (
    <Card title="Telegram bot">
      <div className="space-y-3">
        {disconnected && !bot && (
          <Alert tone={disconnected.webhookRemoved ? "info" : "warning"}>
            {disconnected.webhookRemoved
              ? `@${disconnected.username} is disconnected.`
              : `@${disconnected.username} is disconnected, but Telegram could not be reached to remove its webhook. Deskgram refuses anything it still delivers.`}
          </Alert>
        )}
        {bot ? (
          <ConnectedBot
            workspaceId={workspaceId}
            project={project}
            bot={bot}
            canEdit={canEdit}
            onDisconnected={setDisconnected}
          />
        ) : canEdit ? (
          <ConnectBotForm workspaceId={workspaceId} projectId={project.id} />
        ) : (
          <p className="text-sm text-slate-600">
            No bot is connected yet. An owner or admin connects one with its token from @BotFather.
          </p>
        )}
      </div>
    </Card>
  );
}

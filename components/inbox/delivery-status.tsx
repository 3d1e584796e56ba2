"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import type { ConversationMessage } from "@/server/inbox/get-conversation";

type Props = { workspaceId: string; message: ConversationMessage; canRetry: boolean };

/** Where an outgoing message is: on its way, sent (✓), or failed with the reason and a Retry. */
export function DeliveryStatus({ workspaceId, message, canRetry }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.inbox.retry.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.inbox.conversation.pathFilter()),
    }),
  );

  switch (message.delivery) {
    case "queued":
    case "sending":
      return <span className="text-xs opacity-80">Sending…</span>;
    case "sent":
      return (
        <span className="text-xs opacity-80" title={message.sentAt ? `Sent ${message.sentAt.toLocaleString()}` : "Sent"}>
          ✓<span className="sr-only">Sent</span>
        </span>
      );
    case "failed":
      return (
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs" data-testid="delivery-failed">
          <span className="rounded bg-red-600 px-1.5 py-0.5 font-medium text-white">Not sent</span>
          <span>{message.deliveryError ?? "Telegram did not accept the message."}</span>
          {canRetry && (
            <button
              type="button"
              onClick={() => retry.mutate({ workspaceId, messageId: message.id })}
              disabled={retry.isPending}
              className="rounded border border-current px-2 py-0.5 font-medium hover:bg-white/20 disabled:opacity-60"
            >
              {retry.isPending ? "Retrying…" : "Retry"}
            </button>
          )}
          {retry.isError && <span role="alert">{errorMessage(retry.error)}</span>}
        </span>
      );
    default:
      return null;
  }
}

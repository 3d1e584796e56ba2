"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { MessageBubble } from "./message-bubble";
import { ReplyBox } from "./reply-box";

type Props = {
  workspaceId: string;
  sessionId: string;
  /** Why this member cannot reply at all (an expired plan), or null. */
  readOnlyReason: string | null;
};

/** The right side of the inbox: one conversation's whole history and the reply box. */
export function ConversationView({ workspaceId, sessionId, readOnlyReason }: Props) {
  const trpc = useTRPC();
  // Earlier pages are loaded by moving the start of the history back; it belongs to one session.
  const [start, setStart] = useState<{ sessionId: string; fromId: number } | null>(null);
  const fromId = start?.sessionId === sessionId ? start.fromId : undefined;
  const query = useQuery({
    ...trpc.inbox.conversation.queryOptions({ workspaceId, sessionId, fromId }),
    // Keeps the messages on screen while an earlier page loads (not across sessions).
    placeholderData: (previous) => (previous?.session.id === sessionId ? keepPreviousData(previous) : undefined),
  });
  const bottom = useRef<HTMLDivElement>(null);
  const newestId = query.data?.messages.at(-1)?.id;

  // A new message scrolls into view, like in any messenger; loading earlier ones does not.
  useEffect(() => {
    if (newestId) bottom.current?.scrollIntoView({ block: "end" });
  }, [newestId]);

  if (query.isPending) return <ConversationSkeleton />;
  if (query.isError) {
    return (
      <div className="p-6">
        <Alert>{errorMessage(query.error)}</Alert>
      </div>
    );
  }
  const { contact, project, messages, earlierFromId, session } = query.data;
  const disabledReason =
    readOnlyReason ??
    (project.botConnected
      ? null
      : "This project's bot is disconnected, so replies cannot reach the customer. Connect the bot again in Projects.");

  return (
    <section
      data-testid="conversation"
      data-session-id={sessionId}
      aria-label={`Conversation with ${contact.name}`}
      className="flex min-h-0 flex-1 flex-col"
    >
      <header className="border-b border-slate-200 bg-white px-4 py-3">
        <h2 className="font-semibold" data-testid="conversation-customer">
          {contact.name}
          {contact.username && <span className="ml-2 text-sm font-normal text-slate-500">{contact.username}</span>}
        </h2>
        <p className="text-xs text-slate-500">
          {project.name}
          {project.botUsername && ` · @${project.botUsername}`}
          {contact.languageCode && ` · language ${contact.languageCode}`}
          {contact.firstStartPayload && ` · came from “${contact.firstStartPayload}”`}
          {contact.lastStartPayload &&
            contact.lastStartPayload !== contact.firstStartPayload &&
            `, last “${contact.lastStartPayload}”`}
          {session.status === "closed" && " · closed"}
        </p>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-4 py-3">
        {earlierFromId !== null && (
          <div className="mb-3 text-center">
            <button
              type="button"
              onClick={() => setStart({ sessionId, fromId: earlierFromId })}
              disabled={query.isPlaceholderData}
              className="rounded-full border border-slate-200 bg-white px-3 py-1 text-xs text-slate-600 hover:bg-slate-100 disabled:opacity-60"
            >
              {query.isPlaceholderData ? "Loading earlier messages…" : "Show earlier messages"}
            </button>
          </div>
        )}
        {messages.length === 0 ? (
          <p className="text-center text-sm text-slate-500">No messages in this conversation yet.</p>
        ) : (
          <ol className="flex flex-col gap-2" aria-label="Messages">
            {messages.map((message) => (
              <MessageBubble
                key={message.id}
                workspaceId={workspaceId}
                message={message}
                customerName={contact.name}
                canRetry={!readOnlyReason}
              />
            ))}
          </ol>
        )}
        <div ref={bottom} />
      </div>
      <ReplyBox key={sessionId} workspaceId={workspaceId} sessionId={sessionId} disabledReason={disabledReason} />
    </section>
  );
}

function ConversationSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the conversation" className="flex-1 space-y-3 p-4">
      <div className="h-5 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-12 w-2/3 animate-pulse rounded-lg bg-slate-100" />
      <div className="ml-auto h-12 w-1/2 animate-pulse rounded-lg bg-slate-100" />
      <div className="h-12 w-3/5 animate-pulse rounded-lg bg-slate-100" />
    </div>
  );
}

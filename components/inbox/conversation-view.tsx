"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { AllocationHistory } from "./allocation-history";
import { ContactProfile } from "./contact-profile";
import { MessageBubble } from "./message-bubble";
import { ReplyBox } from "./reply-box";
import { SessionActions } from "./session-actions";
import { SessionStanding } from "./session-standing";

type Props = {
  workspaceId: string;
  slug: string;
  sessionId: string;
  /** The signed-in member: opening a session assigned to them accepts it. */
  viewerId: string;
  /** Why this member cannot reply at all (an expired plan), or null. */
  readOnlyReason: string | null;
};

/** The right side of the inbox: one conversation's header and actions, its whole history and the reply box. */
export function ConversationView({ workspaceId, slug, sessionId, viewerId, readOnlyReason }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [historyOpen, setHistoryOpen] = useState(false);
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

  // The assigned agent has it in front of them: accepted, so they are not kicked out for ignoring it.
  const markOpened = useMutation(
    trpc.inbox.markOpened.mutationOptions({
      onSuccess: ({ accepted }) => {
        if (accepted) void queryClient.invalidateQueries(trpc.inbox.pathFilter());
      },
    }),
  );
  const routing = query.data?.session;
  const unaccepted =
    !readOnlyReason &&
    routing?.id === sessionId &&
    routing.status === "open" &&
    routing.assignee?.id === viewerId &&
    routing.acceptedAt === null;
  const acceptFor = unaccepted ? `${sessionId}:${routing.assignedAt?.toISOString()}` : null;
  const { mutate: accept } = markOpened;
  useEffect(() => {
    if (acceptFor) accept({ workspaceId, sessionId });
  }, [acceptFor, accept, workspaceId, sessionId]);

  // A new message scrolls into view, like in any messenger; loading earlier ones does not.
  useEffect(() => {
    if (newestId) bottom.current?.scrollIntoView({ block: "end" });
  }, [newestId]);

  if (query.isPending) return <ConversationSkeleton />;
  if (query.isError) {
    return (
      <div className="space-y-3 p-6">
        <Alert>{errorMessage(query.error)}</Alert>
        <Link href={`/${slug}/inbox`} className="text-sm font-medium text-brand-700 underline">
          Back to your conversations
        </Link>
      </div>
    );
  }
  const { contact, project, messages, earlierFromId, session, actions } = query.data;
  const disabledReason =
    readOnlyReason ??
    (project.botConnected
      ? null
      : "This project's bot is disconnected, so replies cannot reach the customer. Connect the bot again in Projects.") ??
    actions.replyRefusal;

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
        </p>
        <ContactProfile workspaceId={workspaceId} sessionId={sessionId} refreshKey={newestId} />
        <SessionStanding session={session} viewerId={viewerId} />
        {!readOnlyReason && (
          <div className="mt-2">
            <SessionActions
              key={`${sessionId}:${session.assignee?.id ?? "queue"}:${session.status}`}
              workspaceId={workspaceId}
              slug={slug}
              sessionId={sessionId}
              actions={actions}
              assigneeId={session.assignee?.id ?? null}
              pinned={session.pinnedAt !== null}
            />
          </div>
        )}
        <button
          type="button"
          aria-expanded={historyOpen}
          aria-controls="allocation-history"
          onClick={() => setHistoryOpen((open) => !open)}
          className="mt-2 text-xs font-medium text-brand-700 underline"
        >
          {historyOpen ? "Hide allocation history" : "Allocation history"}
        </button>
      </header>
      {historyOpen && (
        <div id="allocation-history">
          <AllocationHistory workspaceId={workspaceId} sessionId={sessionId} />
        </div>
      )}
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

"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { InboxView } from "@/server/inbox/list-sessions";
import { LONG_WAIT_MS, relativeTime, waitingFor } from "./format-time";
import { waitingLabel } from "./routing-labels";
import { useNow } from "./use-now";

type Props = { workspaceId: string; slug: string; sandboxEnabled: boolean; view: InboxView };

const PAGE_SIZE = 30;

/**
 * The left column of the inbox: one tab's conversations (Mine and All most recent first, the Queue
 * in queue order), with who works each one or its place in the queue, and who is still waiting.
 */
export function SessionList({ workspaceId, slug, sandboxEnabled, view }: Props) {
  const trpc = useTRPC();
  const now = useNow();
  const selected = useParams<{ sessionId?: string }>().sessionId;
  const query = useInfiniteQuery(
    trpc.inbox.sessions.infiniteQueryOptions(
      { workspaceId, view, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );

  if (query.isPending) return <SessionListSkeleton />;
  if (query.isError) {
    return (
      <div className="p-3">
        <Alert>{errorMessage(query.error)}</Alert>
      </div>
    );
  }
  const sessions = query.data.pages.flatMap((page) => page.sessions);
  if (!sessions.length) return <EmptyInbox workspaceId={workspaceId} slug={slug} sandboxEnabled={sandboxEnabled} view={view} />;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ul
        data-testid="session-list"
        aria-label="Conversations"
        className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto"
      >
        {sessions.map((session) => {
          const waitingSince = session.awaitingReplySince;
          const longWait = waitingSince !== null && now - waitingSince.getTime() > LONG_WAIT_MS;
          const current = session.id === selected;
          const transfer = session.transfer;
          return (
            <li key={session.id}>
              <Link
                href={`/${slug}/inbox/${session.id}`}
                data-testid="session-item"
                data-session-id={session.id}
                data-unanswered={waitingSince ? "true" : "false"}
                data-transferred={transfer ? "true" : undefined}
                aria-current={current ? "page" : undefined}
                className={`block px-3 py-2.5 hover:bg-slate-50 aria-[current=page]:bg-brand-50 ${
                  transfer ? "border-l-4 border-amber-400 bg-amber-50" : ""
                }`}
              >
                <div className="flex items-baseline justify-between gap-2">
                  <span
                    className={`flex min-w-0 items-center gap-1.5 text-sm ${waitingSince ? "font-semibold text-slate-900" : "font-medium text-slate-800"}`}
                  >
                    <span className="truncate">{session.customer.name}</span>
                    {session.escalatedAt && session.status === "open" && (
                      <span
                        data-testid="urgent-flag"
                        title={`Escalated ${session.escalatedAt.toLocaleString()}: past its first-response time`}
                        className="shrink-0 rounded bg-red-600 px-1.5 text-[10px] font-semibold uppercase tracking-wide text-white"
                      >
                        Urgent
                      </span>
                    )}
                    {session.pinnedAt && (
                      <span data-testid="pinned-marker" title="Pinned" className="shrink-0 text-xs">
                        📌<span className="sr-only">Pinned</span>
                      </span>
                    )}
                  </span>
                  <time dateTime={session.lastMessageAt.toISOString()} className="shrink-0 text-xs text-slate-500">
                    {relativeTime(session.lastMessageAt, now)}
                  </time>
                </div>
                <p className="truncate text-xs text-slate-500">
                  {session.project.name}
                  {session.customer.username && ` · ${session.customer.username}`}
                </p>
                <p data-testid="session-assignee" className="truncate text-xs text-slate-600">
                  {session.status === "closed"
                    ? "Closed"
                    : session.assignee
                      ? session.mine
                        ? "With you"
                        : `With ${session.assignee.name}`
                      : waitingLabel(session.queuePosition)}
                </p>
                {transfer && (
                  <p data-testid="transfer-note" className="mt-0.5 text-xs font-medium text-amber-900">
                    Transferred to you{transfer.fromName && ` by ${transfer.fromName}`}
                    {transfer.note && `: “${transfer.note}”`}
                  </p>
                )}
                <div className="mt-0.5 flex items-center justify-between gap-2">
                  <p className="truncate text-sm text-slate-600">
                    {session.lastMessageAuthor !== "customer" && (
                      <span className="text-slate-400">{session.lastMessageAuthor === "agent" ? "Agent: " : "Bot: "}</span>
                    )}
                    {session.lastMessagePreview || <span className="italic text-slate-400">No messages</span>}
                  </p>
                  {waitingSince && (
                    <span
                      data-testid="unanswered-badge"
                      title={`Waiting for a reply since ${waitingSince.toLocaleString()}`}
                      className={`shrink-0 rounded-full px-2 py-0.5 text-[11px] font-medium ${
                        longWait ? "bg-red-600 text-white" : "bg-amber-100 text-amber-900"
                      }`}
                    >
                      Unanswered · {waitingFor(waitingSince, now)}
                    </span>
                  )}
                </div>
              </Link>
            </li>
          );
        })}
      </ul>
      {query.hasNextPage && (
        <div className="border-t border-slate-100 p-2">
          <Button
            variant="ghost"
            className="w-full"
            pending={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            Show older conversations
          </Button>
        </div>
      )}
    </div>
  );
}

function EmptyInbox({
  workspaceId,
  slug,
  sandboxEnabled,
  view,
}: {
  workspaceId: string;
  slug: string;
  sandboxEnabled: boolean;
  view: InboxView;
}) {
  const trpc = useTRPC();
  const counts = useQuery(trpc.inbox.tabs.queryOptions({ workspaceId })).data?.counts;
  const anyConversation = counts ? counts.mine + counts.queue + (counts.all ?? 0) > 0 : false;
  if (anyConversation && view !== "all") {
    return (
      <div data-testid="inbox-empty" data-view={view} className="space-y-2 p-4 text-sm text-slate-600">
        {view === "mine" ? (
          <>
            <p className="font-medium text-slate-900">Nothing assigned to you right now</p>
            <p>New conversations come to you as routing assigns them. You can also take one from the Queue.</p>
          </>
        ) : (
          <>
            <p className="font-medium text-slate-900">Nobody is waiting</p>
            <p>Customers wait here when no agent can take them; routing gives them out as soon as someone has room.</p>
          </>
        )}
      </div>
    );
  }
  return (
    <div data-testid="inbox-empty" data-view={view} className="space-y-2 p-4 text-sm text-slate-600">
      <p className="font-medium text-slate-900">No conversations yet</p>
      <p>
        Conversations appear here when customers write to your bot.{" "}
        <Link href={`/${slug}/projects`} className="font-medium text-brand-700 underline">
          Connect a bot in Projects
        </Link>{" "}
        to get the first one.
      </p>
      {sandboxEnabled && <p>Or open the Test customer panel and write to your bot the way a customer would.</p>}
    </div>
  );
}

function SessionListSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading conversations" className="space-y-3 p-3">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="space-y-1.5">
          <div className="h-3.5 w-2/3 animate-pulse rounded bg-slate-200" />
          <div className="h-3 w-1/3 animate-pulse rounded bg-slate-100" />
          <div className="h-3 w-full animate-pulse rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}

"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LONG_WAIT_MS, relativeTime, waitingFor } from "./format-time";
import { useNow } from "./use-now";

type Props = { workspaceId: string; slug: string; sandboxEnabled: boolean };

const PAGE_SIZE = 30;

/** The left column of the inbox: every conversation, most recent first, with who is still waiting. */
export function SessionList({ workspaceId, slug, sandboxEnabled }: Props) {
  const trpc = useTRPC();
  const now = useNow();
  const selected = useParams<{ sessionId?: string }>().sessionId;
  const query = useInfiniteQuery(
    trpc.inbox.sessions.infiniteQueryOptions(
      { workspaceId, limit: PAGE_SIZE },
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
  if (!sessions.length) return <EmptyInbox slug={slug} sandboxEnabled={sandboxEnabled} />;

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
          return (
            <li key={session.id}>
              <Link
                href={`/${slug}/inbox/${session.id}`}
                data-testid="session-item"
                data-session-id={session.id}
                data-unanswered={waitingSince ? "true" : "false"}
                aria-current={current ? "page" : undefined}
                className="block px-3 py-2.5 hover:bg-slate-50 aria-[current=page]:bg-brand-50"
              >
                <div className="flex items-baseline justify-between gap-2">
                  <span
                    className={`truncate text-sm ${waitingSince ? "font-semibold text-slate-900" : "font-medium text-slate-800"}`}
                  >
                    {session.customer.name}
                  </span>
                  <time dateTime={session.lastMessageAt.toISOString()} className="shrink-0 text-xs text-slate-500">
                    {relativeTime(session.lastMessageAt, now)}
                  </time>
                </div>
                <p className="truncate text-xs text-slate-500">
                  {session.project.name}
                  {session.customer.username && ` · ${session.customer.username}`}
                  {session.status === "closed" && " · closed"}
                </p>
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

function EmptyInbox({ slug, sandboxEnabled }: { slug: string; sandboxEnabled: boolean }) {
  return (
    <div data-testid="inbox-empty" className="space-y-2 p-4 text-sm text-slate-600">
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

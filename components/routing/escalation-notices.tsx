"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useWorkspaceEvents } from "@/components/console/use-workspace-events";
import { useTRPC } from "@/components/providers/trpc";

/** Re-read now and then too, so a notice missed while the stream was down still shows and answered ones go. */
const REFRESH_MS = 60_000;

function storageKey(workspaceId: string) {
  return `deskgram:dismissed-escalations:${workspaceId}`;
}

function readDismissed(workspaceId: string): string[] {
  if (typeof window === "undefined") return [];
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(storageKey(workspaceId)) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/**
 * For owners, admins and supervisors, on every console page: a notice for each conversation past its
 * first-response threshold (`session.escalated`), linking to it. Dismissed notices stay dismissed for
 * this browser tab; a notice goes by itself once the customer is answered or the conversation closes.
 */
export function EscalationNotices({ workspaceId, slug }: { workspaceId: string; slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.routing.escalations.queryOptions({ workspaceId }, { refetchInterval: REFRESH_MS }));
  // Notices render only once the query has data, in the browser: reading storage here cannot mismatch the server's HTML.
  const [dismissed, setDismissed] = useState<string[]>(() => readDismissed(workspaceId));

  useWorkspaceEvents(workspaceId, (event) => {
    // After each (re)connection ("resync") we re-read what may have been missed.
    if (event.type === "session.escalated" || event.type === "resync") {
      void queryClient.invalidateQueries(trpc.routing.escalations.queryFilter({ workspaceId }));
    }
  });

  function dismiss(sessionId: string) {
    const next = [...new Set([...dismissed, sessionId])];
    setDismissed(next);
    try {
      sessionStorage.setItem(storageKey(workspaceId), JSON.stringify(next.slice(-200)));
    } catch {
      // Private mode without storage: dismissed for this page only.
    }
  }

  const notices = (query.data ?? []).filter((notice) => !dismissed.includes(notice.sessionId));
  if (!notices.length) return null;
  return (
    <section
      aria-label="Escalations"
      className="fixed bottom-4 right-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2"
      data-testid="escalation-notices"
    >
      {notices.slice(0, 3).map((notice) => (
        <div
          key={notice.sessionId}
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 shadow-lg"
        >
          <div className="flex items-start justify-between gap-2">
            <p>
              <span className="font-semibold">Escalated:</span> {notice.customer} in {notice.projectName} has had no first answer
              {notice.agentName ? ` (with ${notice.agentName})` : " (still in the queue)"}.
            </p>
            <button
              type="button"
              onClick={() => dismiss(notice.sessionId)}
              aria-label={`Dismiss the escalation of ${notice.customer}`}
              className="rounded px-1 text-amber-900 hover:bg-amber-100"
            >
              ×
            </button>
          </div>
          <Link
            href={`/${slug}/inbox/${notice.sessionId}`}
            onClick={() => dismiss(notice.sessionId)}
            className="mt-1 inline-block font-medium text-amber-900 underline"
          >
            Open the conversation
          </Link>
        </div>
      ))}
      {notices.length > 3 && (
        <p className="rounded-md bg-white px-3 py-1 text-xs text-slate-600 shadow">
          And {notices.length - 3} more waiting for a first answer.
        </p>
      )}
    </section>
  );
}

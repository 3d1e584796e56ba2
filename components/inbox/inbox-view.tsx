"use client";
import { useParams } from "next/navigation";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { TestCustomerPanel } from "@/components/sandbox/test-customer-panel";
import { Button } from "@/components/ui/button";
import type { InboxView as View } from "@/server/inbox/list-sessions";
import { AssignedToast, type AssignedNotice } from "./assigned-toast";
import { InboxTabs } from "./inbox-tabs";
import { SessionList } from "./session-list";
import { useConsoleEvents, type LiveState, type StreamEvent } from "./use-console-events";

type Props = {
  workspace: { id: string; slug: string };
  /** The signed-in member: sessions assigned to them are announced. */
  viewerId: string;
  sandboxEnabled: boolean;
  /** The selected conversation (or a hint to pick one). */
  children: ReactNode;
};

/** How long the "now yours" notification stays. */
const NOTICE_MS = 12_000;

const LIVE_LABELS: Record<LiveState, { text: string; dot: string }> = {
  live: { text: "Live", dot: "bg-emerald-500" },
  connecting: { text: "Connecting…", dot: "bg-amber-400" },
  offline: { text: "Offline — retrying", dot: "bg-red-500" },
};

/** The inbox frame: conversations on the left, the open one in the middle, the Test customer on the right. */
export function InboxView({ workspace, viewerId, sandboxEnabled, children }: Props) {
  const selected = useParams<{ sessionId?: string }>().sessionId;
  const [view, setView] = useState<View>("mine");
  const [notice, setNotice] = useState<AssignedNotice | null>(null);
  const onEvent = useCallback(
    (event: StreamEvent) => {
      // The one the viewer has open (they took it themself) needs no notice.
      if (event.type === "session.assigned" && event.userId === viewerId && event.sessionId && event.sessionId !== selected) {
        setNotice({ sessionId: event.sessionId });
      }
    },
    [viewerId, selected],
  );
  const live = useConsoleEvents(workspace.id, onEvent);
  const [testCustomerOpen, setTestCustomerOpen] = useState(false);
  const label = LIVE_LABELS[live];

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <div className="-mx-6 -my-6 flex h-[calc(100dvh-4rem)] min-h-[28rem]">
      <aside className="flex w-80 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2.5">
          <h1 className="font-semibold">Inbox</h1>
          <span data-testid="live-status" data-state={live} className="flex items-center gap-1.5 text-xs text-slate-500">
            <span className={`size-2 rounded-full ${label.dot}`} aria-hidden />
            {label.text}
          </span>
        </div>
        <InboxTabs workspaceId={workspace.id} view={view} onChange={setView} />
        <SessionList workspaceId={workspace.id} slug={workspace.slug} sandboxEnabled={sandboxEnabled} view={view} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        {sandboxEnabled && (
          <div className="flex justify-end border-b border-slate-200 bg-white px-3 py-1.5">
            <Button
              variant="secondary"
              className="px-3 py-1"
              aria-expanded={testCustomerOpen}
              aria-controls="test-customer-panel"
              data-testid="test-customer-toggle"
              onClick={() => setTestCustomerOpen((open) => !open)}
            >
              {testCustomerOpen ? "Hide Test customer" : "Test customer"}
            </Button>
          </div>
        )}
        <div className="flex min-h-0 flex-1">
          <div className="flex min-w-0 flex-1 flex-col">{children}</div>
          {sandboxEnabled && testCustomerOpen && (
            <TestCustomerPanel workspaceId={workspace.id} onClose={() => setTestCustomerOpen(false)} />
          )}
        </div>
      </div>
      {notice && <AssignedToast slug={workspace.slug} notice={notice} onClose={() => setNotice(null)} />}
    </div>
  );
}

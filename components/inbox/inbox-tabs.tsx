"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import type { InboxView } from "@/server/inbox/list-sessions";

type Props = { workspaceId: string; view: InboxView; onChange: (view: InboxView) => void };

const LABELS: Record<InboxView, string> = { mine: "Mine", queue: "Queue", all: "All" };

/** Mine / Queue / All (with the permission), each with its live count. */
export function InboxTabs({ workspaceId, view, onChange }: Props) {
  const trpc = useTRPC();
  const tabs = useQuery(trpc.inbox.tabs.queryOptions({ workspaceId }));
  const counts = tabs.data?.counts;
  const views: InboxView[] = counts && counts.all !== null ? ["mine", "queue", "all"] : ["mine", "queue"];

  return (
    <div role="tablist" aria-label="Conversations to show" className="flex border-b border-slate-200 px-2">
      {views.map((id) => {
        const count = counts?.[id];
        const selected = view === id;
        return (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={selected}
            data-view={id}
            onClick={() => onChange(id)}
            className={`flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm ${
              selected
                ? "border-brand-600 font-semibold text-slate-900"
                : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {LABELS[id]}
            {count !== undefined && count !== null && (
              <span
                data-testid={`tab-count-${id}`}
                aria-label={`(${count})`}
                className={`rounded-full px-1.5 text-xs ${
                  id === "queue" && count > 0 ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-600"
                }`}
              >
                {count}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import type { AgentStatus, StatusCause } from "@/server/presence/change-status";
import { CAUSE_LABELS, STATUS_LABELS, type SelectableStatus } from "@/server/presence/status-rules";
import { StatusDot, statusText } from "./status-badge";
import { useHeartbeat } from "./use-heartbeat";
import { useWorkspaceEvents } from "@/components/console/use-workspace-events";

const PLAIN_CHOICES = ["available", "busy", "not_ready", "finishing", "offline"] as const satisfies readonly SelectableStatus[];

const CHOICE_HINTS: Record<(typeof PLAIN_CHOICES)[number], string> = {
  available: "Receive new conversations",
  busy: "Keep yours, get no new ones",
  not_ready: "Logged in, preparing",
  finishing: "Finish yours, then go Away",
  offline: "Not working now",
};

/** Why the status is what it is, when the agent did not choose it themself. */
function causeNote(status: AgentStatus, cause: StatusCause): string | null {
  if (status === "kicked_out") return "Open your assigned conversations in time";
  if (cause === "manual") return null;
  if (cause === "capacity") return "At capacity";
  if (cause === "presence") return status === "offline" ? "Console closed" : "Console opened";
  return CAUSE_LABELS[cause];
}

/** `readOnlyReason`: why the status cannot be changed now (the access model's answer), or null. */
type Props = { workspaceId: string; readOnlyReason: string | null };

/**
 * The header's status switcher for everyone who works sessions: shows the current status (with the
 * Away reason and who set it), follows changes live, and keeps the console's presence heartbeat going.
 */
export function StatusSwitcher({ workspaceId, readOnlyReason }: Props) {
  const readOnly = readOnlyReason !== null;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.presence.me.queryOptions({ workspaceId }));
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useHeartbeat(workspaceId);

  const refresh = () => queryClient.invalidateQueries(trpc.presence.me.queryFilter({ workspaceId }));
  const userId = me.data?.userId;
  useWorkspaceEvents(workspaceId, (event) => {
    if (event.type === "resync" || (event.type === "agent.updated" && event.userId === userId)) void refresh();
  });

  const setStatus = useMutation(
    trpc.presence.setMyStatus.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void refresh();
      },
    }),
  );

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    root.current?.querySelector<HTMLElement>("[role=menuitemradio]")?.focus();
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  if (me.isPending) return <div className="h-9 w-36 animate-pulse rounded-md bg-slate-100" aria-label="Loading your status" />;
  if (me.isError) {
    return (
      <button type="button" onClick={() => me.refetch()} className="text-sm text-red-700 underline">
        Status unavailable — retry
      </button>
    );
  }
  if (!me.data.hasStatus) return null;

  const { status, awayReason, statusCause } = me.data;
  const note = causeNote(status, statusCause);
  const choose = (to: SelectableStatus, reason?: string) => setStatus.mutate({ workspaceId, status: to, awayReason: reason });
  const item = (checked: boolean) =>
    `flex w-full items-start gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none disabled:cursor-not-allowed disabled:opacity-50 ${
      checked ? "font-medium text-brand-700" : "text-slate-800"
    }`;

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Your status: ${statusText(status, awayReason)}`}
        onClick={() => setOpen((v) => !v)}
        className="flex min-h-11 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-left hover:bg-slate-50"
        data-testid="my-status"
      >
        <StatusDot status={status} />
        <span className="leading-tight">
          <span className="block text-sm font-medium">{statusText(status, awayReason)}</span>
          {note && <span className="block text-xs text-slate-500">{note}</span>}
        </span>
        <span aria-hidden className="text-xs text-slate-500">
          ▾
        </span>
      </button>
      {open && (
        <div
          role="menu"
          aria-label="Set your status"
          className="absolute right-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          {readOnlyReason && <p className="px-2 py-1.5 text-xs text-amber-800">{readOnlyReason}</p>}
          {PLAIN_CHOICES.map((choice) => (
            <button
              key={choice}
              type="button"
              role="menuitemradio"
              aria-checked={status === choice}
              disabled={readOnly || setStatus.isPending}
              onClick={() => choose(choice)}
              className={item(status === choice)}
            >
              <StatusDot status={choice} />
              <span>
                <span className="block">{STATUS_LABELS[choice]}</span>
                <span className="block text-xs font-normal text-slate-500">{CHOICE_HINTS[choice]}</span>
              </span>
            </button>
          ))}
          <div role="group" aria-label="Away" className="mt-1 border-t border-slate-100 pt-1">
            <p className="flex items-center gap-2 px-2 py-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
              <StatusDot status="away" /> Away
            </p>
            {me.data.awayReasons.map((reason) => {
              const checked = status === "away" && awayReason === reason.label;
              return (
                <button
                  key={reason.label}
                  type="button"
                  role="menuitemradio"
                  aria-checked={checked}
                  disabled={readOnly || setStatus.isPending}
                  onClick={() => choose("away", reason.label)}
                  className={`${item(checked)} pl-6`}
                >
                  {reason.label}
                </button>
              );
            })}
          </div>
          {setStatus.isError && (
            <p role="alert" className="mt-1 border-t border-slate-100 px-2 py-1.5 text-xs text-red-700">
              {errorMessage(setStatus.error)}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

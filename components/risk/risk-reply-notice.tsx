"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useState } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import type { RiskHitView, RiskStop } from "@/server/risk/check-agent-reply";

/** Typing pauses this long before the draft is pre-checked. */
const PRECHECK_DELAY_MS = 400;

/** The risk stop a reply was refused with, if that is why it failed. */
export function riskStopOf(error: unknown): RiskStop | null {
  if (!(error instanceof TRPCClientError)) return null;
  return ((error.data as { risk?: RiskStop | null } | undefined)?.risk ?? null) as RiskStop | null;
}

/** What the draft would hit, checked on the server while the agent types (a hint: the send is checked again). */
export function useRiskPrecheck(workspaceId: string, sessionId: string, draft: string, enabled: boolean): RiskHitView[] {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setText(draft.trim()), PRECHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);
  const precheck = useQuery(
    trpc.risk.precheck.queryOptions(
      { workspaceId, sessionId, text },
      { enabled: enabled && text.length > 0 && text.length <= 4096, retry: false, staleTime: 30_000 },
    ),
  );
  return enabled && text && draft.trim() ? (precheck.data?.hits ?? []) : [];
}

const hitLabel = (hit: RiskHitView) =>
  hit.matchKind === "time_limit"
    ? "text the content check could not finish reading in time"
    : `"${hit.matchedText}" (${hit.groupName})`;

type Props = {
  workspaceId: string;
  /** Why the last send was stopped, if it was. */
  stop: RiskStop | null;
  /** The pre-check's hits of the current draft. */
  hits: RiskHitView[];
  sending: boolean;
  onConfirm: (checkId: string) => void;
  onCancelled: () => void;
};

/** Above the reply box: a blocked send, a send waiting for confirmation, or an early warning while typing. */
export function RiskReplyNotice({ workspaceId, stop, hits, sending, onConfirm, onCancelled }: Props) {
  const trpc = useTRPC();
  const cancel = useMutation(trpc.risk.cancel.mutationOptions({ onSettled: () => onCancelled() }));

  if (stop?.status === "blocked") {
    const blocking = stop.hits.filter((h) => h.action === "block");
    return (
      <div
        role="alert"
        data-testid="risk-blocked"
        className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
      >
        <p className="font-medium">Not sent: content risk control blocks {blocking.map(hitLabel).join(", ")}.</p>
        <p>Remove {blocking.length === 1 ? "it" : "them"} and send again. This attempt is recorded for your supervisors.</p>
      </div>
    );
  }
  if (stop?.status === "needs_confirmation") {
    return (
      <div
        role="alertdialog"
        aria-label="Confirm sending"
        data-testid="risk-confirm"
        className="space-y-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      >
        <p>
          <span className="font-medium">Please confirm:</span> this message contains {stop.hits.map(hitLabel).join(", ")}. Your
          decision is recorded.
        </p>
        <div className="flex gap-2">
          <Button type="button" pending={sending} disabled={cancel.isPending} onClick={() => onConfirm(stop.checkId)}>
            Send anyway
          </Button>
          <Button
            type="button"
            variant="secondary"
            pending={cancel.isPending}
            disabled={sending}
            onClick={() => cancel.mutate({ workspaceId, checkId: stop.checkId })}
          >
            Don&apos;t send
          </Button>
        </div>
        {cancel.isError && <p className="text-red-700">{errorMessage(cancel.error)}</p>}
      </div>
    );
  }
  if (hits.length === 0) return null;
  const blocks = hits.some((h) => h.action === "block");
  return (
    <p role="status" data-testid="risk-precheck" className={`text-xs ${blocks ? "text-red-700" : "text-amber-800"}`}>
      {blocks ? "This message will be blocked: " : "You will be asked to confirm: "}
      {hits.map(hitLabel).join(", ")}.
    </p>
  );
}

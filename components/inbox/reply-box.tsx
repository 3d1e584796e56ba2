"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RiskReplyNotice, riskStopOf, useRiskPrecheck } from "@/components/risk/risk-reply-notice";

const MAX = 4096;
/** The counter appears once a reply gets close to Telegram's limit. */
const COUNTER_FROM = 3500;

// Drafts survive switching between conversations (per tab, not saved anywhere).
const drafts = new Map<string, string>();

type Props = { workspaceId: string; sessionId: string; disabledReason: string | null };

/** Enter sends, Shift+Enter starts a new line; the draft stays when sending fails. */
export function ReplyBox({ workspaceId, sessionId, disabledReason }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraftState] = useState(() => drafts.get(sessionId) ?? "");
  const setDraft = (value: string) => {
    drafts.set(sessionId, value);
    setDraftState(value);
  };
  const reply = useMutation(trpc.inbox.reply.mutationOptions());
  // Content risk control: a stopped send (blocked, or waiting for confirmation) and the hits of the draft while typing.
  const riskStop = reply.isError ? riskStopOf(reply.error) : null;
  const riskHits = useRiskPrecheck(workspaceId, sessionId, draft, !disabledReason);

  const length = draft.trim().length;
  const tooLong = length > MAX;
  const canSend = !disabledReason && length > 0 && !tooLong && !reply.isPending;

  function send(confirmCheckId?: string) {
    if (!canSend) return;
    reply.mutate(
      { workspaceId, sessionId, text: draft, confirmCheckId },
      {
        onSuccess: () => {
          setDraft("");
          void queryClient.invalidateQueries(trpc.inbox.conversation.queryFilter({ workspaceId, sessionId }));
          void queryClient.invalidateQueries(trpc.inbox.sessions.pathFilter());
          // The textarea was disabled while sending, which took the focus away.
          requestAnimationFrame(() => textarea.current?.focus());
        },
      },
    );
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Not while an input method is composing: Enter there picks a character.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <form data-testid="reply-box" onSubmit={onSubmit} className="space-y-2 border-t border-slate-200 bg-white p-3">
      <RiskReplyNotice
        workspaceId={workspaceId}
        stop={riskStop}
        hits={riskHits}
        sending={reply.isPending}
        onConfirm={(checkId) => send(checkId)}
        onCancelled={() => reply.reset()}
      />
      {reply.isError && !riskStop && (
        <div data-testid="reply-error">
          <Alert>{errorMessage(reply.error)}</Alert>
        </div>
      )}
      {disabledReason && <Alert tone="warning">{disabledReason}</Alert>}
      <div className="flex items-end gap-2">
        <textarea
          ref={textarea}
          aria-label="Reply"
          name="reply"
          rows={3}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            // An edited message is checked afresh when sent.
            if (riskStop) reply.reset();
          }}
          onKeyDown={onKeyDown}
          disabled={Boolean(disabledReason) || reply.isPending}
          placeholder={disabledReason ? "" : "Write a reply… (Enter sends, Shift+Enter for a new line)"}
          aria-invalid={tooLong || undefined}
          className="block min-h-[4.5rem] flex-1 resize-y rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500 disabled:bg-slate-50"
        />
        <Button type="submit" pending={reply.isPending} disabled={!canSend}>
          Send
        </Button>
      </div>
      {length >= COUNTER_FROM && (
        <p
          data-testid="reply-counter"
          className={`text-right text-xs ${tooLong ? "font-medium text-red-600" : "text-slate-500"}`}
        >
          {length} / {MAX}
          {tooLong && " — Telegram allows at most 4096 characters. Shorten the reply or split it in two."}
        </p>
      )}
    </form>
  );
}

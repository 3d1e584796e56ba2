"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SessionActions as Actions } from "@/server/inbox/session-access";
import { STATUS_LABELS } from "./routing-labels";

type Props = {
  workspaceId: string;
  slug: string;
  sessionId: string;
  actions: Actions;
  /** The agent working it now (excluded from the teammates offered). */
  assigneeId: string | null;
  pinned: boolean;
};

type Panel = "assign" | "transfer" | "close" | null;

const NOTE_MAX = 500;

/** What the viewer may do with the open conversation: take, assign, take over, return, transfer, close, pin. */
export function SessionActions({ workspaceId, slug, sessionId, actions, assigneeId, pinned }: Props) {
  const trpc = useTRPC();
  // Whether the viewer still sees the session once it is someone else's.
  const keepsAccess = useQuery(trpc.inbox.tabs.queryOptions({ workspaceId })).data?.viewer.seesEverySession ?? false;
  const queryClient = useQueryClient();
  const router = useRouter();
  const [panel, setPanel] = useState<Panel>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
  };
  const options = { onSuccess: refresh };
  const take = useMutation(trpc.inbox.take.mutationOptions(options));
  const takeOver = useMutation(trpc.inbox.takeOver.mutationOptions(options));
  const unassign = useMutation(trpc.inbox.unassign.mutationOptions(options));
  const pin = useMutation(trpc.inbox.pin.mutationOptions(options));
  const quick = [take, takeOver, unassign, pin];
  const failed = quick.find((m) => m.isError);
  const busy = quick.some((m) => m.isPending);
  const any = Object.entries(actions).some(([key, allowed]) => key !== "replyRefusal" && allowed === true);
  if (!any) return null;

  const toggle = (next: Panel) => {
    for (const m of quick) m.reset();
    setPanel((current) => (current === next ? null : next));
  };

  return (
    <div className="space-y-2" data-testid="session-actions">
      <div role="toolbar" aria-label="Conversation actions" className="flex flex-wrap gap-2">
        {actions.take && (
          <Button
            className="px-3 py-1"
            pending={take.isPending}
            disabled={busy}
            onClick={() => take.mutate({ workspaceId, sessionId })}
          >
            Take
          </Button>
        )}
        {actions.takeOver && (
          <Button
            variant="secondary"
            className="px-3 py-1"
            pending={takeOver.isPending}
            disabled={busy}
            onClick={() => takeOver.mutate({ workspaceId, sessionId })}
          >
            Take over
          </Button>
        )}
        {actions.assign && (
          <Button
            variant="secondary"
            className="px-3 py-1"
            aria-expanded={panel === "assign"}
            disabled={busy}
            onClick={() => toggle("assign")}
          >
            {assigneeId ? "Reassign" : "Assign"}
          </Button>
        )}
        {actions.transfer && (
          <Button
            variant="secondary"
            className="px-3 py-1"
            aria-expanded={panel === "transfer"}
            disabled={busy}
            onClick={() => toggle("transfer")}
          >
            Transfer
          </Button>
        )}
        {actions.unassign && (
          <Button
            variant="secondary"
            className="px-3 py-1"
            pending={unassign.isPending}
            disabled={busy}
            onClick={() => unassign.mutate({ workspaceId, sessionId })}
          >
            Return to queue
          </Button>
        )}
        {actions.pin && (
          <Button
            variant="ghost"
            className="px-3 py-1"
            pending={pin.isPending}
            disabled={busy}
            aria-pressed={pinned}
            onClick={() => pin.mutate({ workspaceId, sessionId, pinned: !pinned })}
          >
            {pinned ? "Unpin" : "Pin"}
          </Button>
        )}
        {actions.close && (
          <Button
            variant="ghost"
            className="px-3 py-1"
            aria-expanded={panel === "close"}
            disabled={busy}
            onClick={() => toggle("close")}
          >
            Close conversation
          </Button>
        )}
      </div>
      {failed && <Alert>{errorMessage(failed.error)}</Alert>}
      {panel === "assign" && (
        <HandOverForm
          kind="assign"
          workspaceId={workspaceId}
          sessionId={sessionId}
          assigneeId={assigneeId}
          onDone={() => {
            setPanel(null);
            refresh();
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === "transfer" && (
        <HandOverForm
          kind="transfer"
          workspaceId={workspaceId}
          sessionId={sessionId}
          assigneeId={assigneeId}
          onDone={() => {
            setPanel(null);
            refresh();
            // It is the teammate's now: without "may view all sessions" the conversation is gone for the viewer.
            if (!keepsAccess) router.push(`/${slug}/inbox`);
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === "close" && (
        <CloseForm
          workspaceId={workspaceId}
          sessionId={sessionId}
          onDone={() => {
            setPanel(null);
            refresh();
          }}
          onCancel={() => setPanel(null)}
        />
      )}
    </div>
  );
}

type FormProps = { workspaceId: string; sessionId: string; onDone: () => void; onCancel: () => void };

/** Pick a teammate (status and load shown) for an assignment or a transfer; a transfer carries a note for them. */
function HandOverForm({
  kind,
  workspaceId,
  sessionId,
  assigneeId,
  onDone,
  onCancel,
}: FormProps & { kind: "assign" | "transfer"; assigneeId: string | null }) {
  const trpc = useTRPC();
  const id = useId();
  const members = useQuery(trpc.inbox.seatMembers.queryOptions({ workspaceId }));
  const [toUserId, setToUserId] = useState("");
  const [note, setNote] = useState("");
  const assign = useMutation(trpc.inbox.assign.mutationOptions({ onSuccess: onDone }));
  const transfer = useMutation(trpc.inbox.transfer.mutationOptions({ onSuccess: onDone }));
  const mutation = kind === "assign" ? assign : transfer;
  const field = mutation.isError ? errorField(mutation.error) : null;
  const noteTooLong = note.trim().length > NOTE_MAX;
  const candidates = (members.data ?? []).filter((m) => m.userId !== assigneeId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!toUserId || noteTooLong) return;
    if (kind === "assign") assign.mutate({ workspaceId, sessionId, toUserId });
    else transfer.mutate({ workspaceId, sessionId, toUserId, note });
  }

  return (
    <form
      onSubmit={submit}
      aria-label={kind === "assign" ? "Assign to a teammate" : "Transfer to a teammate"}
      className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3"
    >
      {members.isError && <Alert>{errorMessage(members.error)}</Alert>}
      <div className="space-y-1">
        <label htmlFor={`${id}-member`} className="block text-sm font-medium text-slate-700">
          Teammate
        </label>
        <select
          id={`${id}-member`}
          value={toUserId}
          onChange={(e) => setToUserId(e.target.value)}
          disabled={members.isPending}
          aria-invalid={field === "toUserId" || undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500"
        >
          <option value="">{members.isPending ? "Loading teammates…" : "Choose a teammate"}</option>
          {candidates.map((m) => {
            const full = m.openSessions >= m.capacity;
            return (
              <option key={m.userId} value={m.userId} disabled={full}>
                {m.name} — {STATUS_LABELS[m.status] ?? m.status}
                {m.awayReason ? ` (${m.awayReason})` : ""} · {m.openSessions} of {m.capacity}
                {full ? " · at capacity" : ""}
              </option>
            );
          })}
        </select>
        {members.isSuccess && candidates.length === 0 && (
          <p className="text-xs text-slate-500">Nobody else can work conversations yet. Invite teammates on the Agents page.</p>
        )}
      </div>
      {kind === "transfer" && (
        <div className="space-y-1">
          <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-700">
            Note for them (optional)
          </label>
          <textarea
            id={`${id}-note`}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={noteTooLong || field === "note" || undefined}
            aria-describedby={`${id}-note-hint`}
            placeholder="What they should know: the customer's issue, what you tried"
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500"
          />
          <p id={`${id}-note-hint`} className={`text-xs ${noteTooLong ? "font-medium text-red-600" : "text-slate-500"}`}>
            {note.trim().length} / {NOTE_MAX}
            {noteTooLong && " — shorten the note."}
          </p>
        </div>
      )}
      {mutation.isError && <Alert>{errorMessage(mutation.error)}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" className="px-3 py-1" pending={mutation.isPending} disabled={!toUserId || noteTooLong}>
          {kind === "assign" ? (assigneeId ? "Reassign" : "Assign") : "Transfer"}
        </Button>
        <Button type="button" variant="ghost" className="px-3 py-1" onClick={onCancel} disabled={mutation.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Close with an optional note for the allocation history. */
function CloseForm({ workspaceId, sessionId, onDone, onCancel }: FormProps) {
  const trpc = useTRPC();
  const id = useId();
  const [reason, setReason] = useState("");
  const close = useMutation(trpc.inbox.close.mutationOptions({ onSuccess: onDone }));
  return (
    <form
      aria-label="Close the conversation"
      onSubmit={(event) => {
        event.preventDefault();
        close.mutate({ workspaceId, sessionId, reason });
      }}
      className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3"
    >
      <p className="text-sm text-slate-700">
        Closing frees your capacity for the next customer. If this customer writes again, a new conversation opens.
      </p>
      <div className="space-y-1">
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
          Closing note (optional)
        </label>
        <input
          id={`${id}-reason`}
          value={reason}
          maxLength={NOTE_MAX}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. Refund sent"
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500"
        />
      </div>
      {close.isError && <Alert>{errorMessage(close.error)}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" className="px-3 py-1" pending={close.isPending}>
          Close conversation
        </Button>
        <Button type="button" variant="ghost" className="px-3 py-1" onClick={onCancel} disabled={close.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { SeatMember } from "@/server/inbox/seat-members";
import type { SessionActions as Actions } from "@/server/inbox/session-access";
import { STATUS_LABELS } from "@/server/presence/status-rules";

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

/** A toolbar button: it runs a mutation, or opens its panel. */
type ToolbarButton = {
  key: string;
  shown: boolean;
  label: string;
  variant?: "primary" | "secondary" | "ghost";
  pressed?: boolean;
} & ({ pending: boolean; run: () => void } | { panel: NonNullable<Panel> });

/** A toolbar button's part that runs `mutation` with `input`. */
function runs<Input>(mutation: { isPending: boolean; mutate: (input: Input) => void }, input: NoInfer<Input>) {
  return { pending: mutation.isPending, run: () => mutation.mutate(input) };
}

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
  const done = () => {
    setPanel(null);
    refresh();
  };
  const ids = { workspaceId, sessionId };
  // In toolbar order: a mutation's button runs it, a panel's button opens or closes its form.
  const buttons: ToolbarButton[] = [
    { key: "take", shown: actions.take, label: "Take", variant: "primary", ...runs(take, ids) },
    { key: "takeOver", shown: actions.takeOver, label: "Take over", ...runs(takeOver, ids) },
    { key: "assign", shown: actions.assign, label: assigneeId ? "Reassign" : "Assign", panel: "assign" },
    { key: "transfer", shown: actions.transfer, label: "Transfer", panel: "transfer" },
    { key: "unassign", shown: actions.unassign, label: "Return to queue", ...runs(unassign, ids) },
    {
      key: "pin",
      shown: actions.pin,
      label: pinned ? "Unpin" : "Pin",
      variant: "ghost",
      pressed: pinned,
      ...runs(pin, { ...ids, pinned: !pinned }),
    },
    { key: "close", shown: actions.close, label: "Close conversation", variant: "ghost", panel: "close" },
  ];

  return (
    <div className="space-y-2" data-testid="session-actions">
      <div role="toolbar" aria-label="Conversation actions" className="flex flex-wrap gap-2">
        {buttons
          .filter((button) => button.shown)
          .map((button) => (
            <Button
              key={button.key}
              variant={button.variant ?? "secondary"}
              className="px-3 py-1"
              disabled={busy}
              aria-pressed={button.pressed}
              aria-expanded={"panel" in button ? panel === button.panel : undefined}
              pending={"pending" in button && button.pending}
              onClick={"panel" in button ? () => toggle(button.panel) : button.run}
            >
              {button.label}
            </Button>
          ))}
      </div>
      {failed && <Alert>{errorMessage(failed.error)}</Alert>}
      {(panel === "assign" || panel === "transfer") && (
        <HandOverForm
          key={panel}
          kind={panel}
          workspaceId={workspaceId}
          sessionId={sessionId}
          assigneeId={assigneeId}
          onDone={() => {
            done();
            // A transferred conversation is the teammate's: without "may view all sessions" it is gone for the viewer.
            if (panel === "transfer" && !keepsAccess) router.push(`/${slug}/inbox`);
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === "close" && (
        <CloseForm workspaceId={workspaceId} sessionId={sessionId} onDone={done} onCancel={() => setPanel(null)} />
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
      <SelectField
        label="Teammate"
        value={toUserId}
        onChange={(e) => setToUserId(e.target.value)}
        disabled={members.isPending}
        aria-invalid={field === "toUserId" || undefined}
        hint={
          members.isSuccess && candidates.length === 0
            ? "Nobody else can work conversations yet. Invite teammates on the Agents page."
            : undefined
        }
        options={[
          { value: "", label: members.isPending ? "Loading teammates…" : "Choose a teammate" },
          ...candidates.map(teammateOption),
        ]}
      />
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
      <PanelButtons pending={mutation.isPending} disabled={!toUserId || noteTooLong} onCancel={onCancel}>
        {kind === "assign" ? (assigneeId ? "Reassign" : "Assign") : "Transfer"}
      </PanelButtons>
    </form>
  );
}

/** A teammate as offered for a hand-over: status and load, and disabled at capacity. */
function teammateOption(m: SeatMember) {
  const full = m.openSessions >= m.capacity;
  return {
    value: m.userId,
    label: `${m.name} — ${STATUS_LABELS[m.status] ?? m.status}${m.awayReason ? ` (${m.awayReason})` : ""} · ${m.openSessions} of ${m.capacity}${full ? " · at capacity" : ""}`,
    disabled: full,
  };
}

/** Close with an optional note for the allocation history. */
function CloseForm({ workspaceId, sessionId, onDone, onCancel }: FormProps) {
  const trpc = useTRPC();
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
      <Field
        label="Closing note (optional)"
        value={reason}
        maxLength={NOTE_MAX}
        onChange={(e) => setReason(e.target.value)}
        placeholder="e.g. Refund sent"
      />
      {close.isError && <Alert>{errorMessage(close.error)}</Alert>}
      <PanelButtons pending={close.isPending} onCancel={onCancel}>
        Close conversation
      </PanelButtons>
    </form>
  );
}

/** A panel form's submit button and its Cancel. */
function PanelButtons({
  pending,
  disabled,
  onCancel,
  children,
}: {
  pending: boolean;
  disabled?: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <div className="flex gap-2">
      <Button type="submit" className="px-3 py-1" pending={pending} disabled={disabled}>
        {children}
      </Button>
      <Button type="button" variant="ghost" className="px-3 py-1" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
    </div>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DEFAULT_NAME, loadIdentity, randomCustomerId, saveIdentity, type TestCustomerIdentity } from "./test-customer-identity";
import { TestCustomerTranscript } from "./test-customer-transcript";

type Props = { workspaceId: string; onClose: () => void };

/**
 * Writes to the workspace's own bot as a customer, through the Bot API sandbox: the message takes
 * the same road a real customer's does (webhook, inbox), and the bot's replies show up here.
 */
export function TestCustomerPanel({ workspaceId, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { workspaceSlug } = useParams<{ workspaceSlug: string }>();
  // Mounted only when opened, in the browser: localStorage is there.
  const [identity, setIdentityState] = useState<TestCustomerIdentity>(loadIdentity);
  const [chosenProjectId, setChosenProjectId] = useState<string | null>(null);
  const [text, setText] = useState("");
  const projects = useQuery(trpc.testCustomer.projects.queryOptions({ workspaceId }));
  const projectId = chosenProjectId ?? projects.data?.[0]?.id ?? null;
  const send = useMutation(
    trpc.testCustomer.send.mutationOptions({
      onSuccess: () => {
        setText("");
        void queryClient.invalidateQueries(trpc.testCustomer.transcript.pathFilter());
      },
    }),
  );

  function setIdentity(next: TestCustomerIdentity) {
    saveIdentity(next);
    setIdentityState(next);
  }

  function submit(message: string) {
    if (!projectId || !message.trim() || send.isPending) return;
    const firstName = identity.name.trim() || DEFAULT_NAME;
    send.mutate({ workspaceId, projectId, customer: { id: identity.id, firstName }, text: message });
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(text);
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit(text);
    }
  }

  return (
    <aside
      id="test-customer-panel"
      data-testid="test-customer-panel"
      aria-label="Test customer"
      className="flex w-96 shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <div className="flex items-start justify-between gap-2 border-b border-slate-200 px-3 py-2">
        <div>
          <h2 className="font-semibold">Test customer</h2>
          <p className="text-xs text-slate-500">
            Messages you send here reach your bot through the Bot API sandbox, exactly like a real customer&apos;s.
          </p>
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close the Test customer"
          className="rounded px-1.5 text-slate-500 hover:bg-slate-100"
        >
          ×
        </button>
      </div>

      {projects.isError && (
        <div className="p-3">
          <Alert>{errorMessage(projects.error)}</Alert>
        </div>
      )}
      {projects.data?.length === 0 && (
        <div className="p-3 text-sm text-slate-600">
          No project has a bot yet.{" "}
          <Link href={`/${workspaceSlug}/projects`} className="font-medium text-brand-700 underline">
            Open Projects
          </Link>
          , create one and connect a sandbox bot, then come back here.
        </div>
      )}

      {projectId && (
        <>
          <div className="grid grid-cols-2 gap-2 border-b border-slate-200 p-3 text-sm">
            <label className="space-y-1">
              <span className="block text-xs font-medium text-slate-600">Project</span>
              <select
                data-testid="test-customer-project"
                value={projectId}
                onChange={(e) => setChosenProjectId(e.target.value)}
                className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
              >
                {projects.data?.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} (@{p.botUsername})
                  </option>
                ))}
              </select>
            </label>
            <label className="space-y-1">
              <span className="block text-xs font-medium text-slate-600">Customer name</span>
              <input
                data-testid="test-customer-name"
                value={identity.name}
                maxLength={64}
                onChange={(e) => setIdentity({ ...identity, name: e.target.value })}
                className="block w-full rounded-md border border-slate-300 px-2 py-1.5"
              />
            </label>
            <p className="col-span-2 flex items-center justify-between text-xs text-slate-500">
              <span>Telegram user id {identity.id}</span>
              <button
                type="button"
                className="underline"
                onClick={() => setIdentity({ id: randomCustomerId(), name: identity.name })}
                title="Write as someone else: a new customer with an empty chat"
              >
                New customer
              </button>
            </p>
          </div>

          <TestCustomerTranscript workspaceId={workspaceId} projectId={projectId} customerId={identity.id} />

          <form onSubmit={onSubmit} className="space-y-2 border-t border-slate-200 p-3">
            {send.isError && <Alert>{errorMessage(send.error)}</Alert>}
            {send.data && send.data.state !== "delivered" && !send.isPending && <Alert tone="warning">{send.data.message}</Alert>}
            <textarea
              data-testid="test-customer-message"
              aria-label="Message as the test customer"
              rows={2}
              value={text}
              maxLength={4096}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onKeyDown}
              disabled={send.isPending}
              placeholder="Write as the customer… (Enter sends)"
              className="block w-full resize-none rounded-md border border-slate-300 px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-brand-500"
            />
            <div className="flex justify-between gap-2">
              <Button
                type="button"
                variant="secondary"
                className="px-3 py-1.5"
                disabled={send.isPending}
                onClick={() => submit("/start")}
              >
                /start
              </Button>
              <Button
                type="submit"
                className="px-3 py-1.5"
                pending={send.isPending}
                disabled={!text.trim()}
                data-testid="test-customer-send"
              >
                Send as customer
              </Button>
            </div>
          </form>
        </>
      )}
    </aside>
  );
}

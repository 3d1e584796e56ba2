"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useClientCheck } from "@/components/ui/use-client-check";
import { awayReasonLabelSchema, idleTimeoutMinutesSchema } from "@/server/presence/status-input";
import type { Permission } from "@/lib/access/permission";

/** Whether this person may change the settings, and if not, why (the server refuses anyway). */

type Props = { workspaceId: string; access: Permission };

/** Settings → Agent status: the idle timeout and the workspace's own Away reasons. */
export function AgentStatusSettings({ workspaceId, access }: Props) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.presence.settings.queryOptions({ workspaceId }));

  if (settings.isPending) {
    return (
      <div
        className="h-48 animate-pulse rounded-lg border border-slate-200 bg-white"
        aria-label="Loading agent status settings"
      />
    );
  }
  if (settings.isError) {
    return (
      <Alert>
        Could not load the agent status settings: {errorMessage(settings.error)}{" "}
        <Button variant="ghost" onClick={() => settings.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  return (
    <div className="space-y-6">
      {access.reason && <Alert tone="info">{access.reason}</Alert>}
      <Card title="Idle timeout">
        <IdleTimeoutForm
          key={settings.data.idleTimeoutMinutes}
          workspaceId={workspaceId}
          minutes={settings.data.idleTimeoutMinutes}
          canEdit={access.allowed}
        />
      </Card>
      <Card title="Away reasons">
        <AwayReasons workspaceId={workspaceId} reasons={settings.data.awayReasons} canEdit={access.allowed} />
      </Card>
    </div>
  );
}

function useRefreshSettings(workspaceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.presence.settings.queryFilter({ workspaceId })),
      // The header switcher offers the reasons too.
      queryClient.invalidateQueries(trpc.presence.me.queryFilter({ workspaceId })),
    ]);
}

function IdleTimeoutForm({ workspaceId, minutes, canEdit }: { workspaceId: string; minutes: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshSettings(workspaceId);
  const [value, setValue] = useState(String(minutes));
  const { problem, check, clear } = useClientCheck(idleTimeoutMinutesSchema, "Enter the idle timeout in whole minutes.");
  const save = useMutation(trpc.presence.setIdleTimeout.mutationOptions({ onSuccess: () => refresh() }));
  const error = problem ?? (save.error ? errorMessage(save.error) : null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = check(value.trim() === "" ? undefined : Number(value));
    if (checked !== null) save.mutate({ workspaceId, minutes: checked });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <Field
        label="Minutes without activity before an agent goes Away"
        name="idleTimeoutMinutes"
        type="number"
        inputMode="numeric"
        min={1}
        max={240}
        value={value}
        disabled={!canEdit}
        onChange={(e) => {
          setValue(e.target.value);
          clear();
          save.reset();
        }}
        error={error}
        hint="From 1 to 240. Available, Busy and Not ready agents whose console sees no activity this long become Away (Idle)."
        className="max-w-md"
      />
      {save.isSuccess && <Alert tone="info">Idle timeout saved.</Alert>}
      {canEdit && (
        <Button type="submit" pending={save.isPending} disabled={value === String(minutes)}>
          Save
        </Button>
      )}
    </form>
  );
}

type Reason = { id: string | null; label: string; builtIn: boolean };

function AwayReasons({ workspaceId, reasons, canEdit }: { workspaceId: string; reasons: Reason[]; canEdit: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshSettings(workspaceId);
  const [label, setLabel] = useState("");
  const { problem, check, clear } = useClientCheck(awayReasonLabelSchema, "Check the reason.");
  const add = useMutation(
    trpc.presence.addAwayReason.mutationOptions({
      onSuccess: () => {
        setLabel("");
        return refresh();
      },
    }),
  );
  const remove = useMutation(trpc.presence.deleteAwayReason.mutationOptions({ onSuccess: () => refresh() }));
  const error = problem ?? (add.error ? errorMessage(add.error) : null);
  const custom = reasons.filter((r) => !r.builtIn);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = check(label);
    if (checked !== null) add.mutate({ workspaceId, label: checked });
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Agents choose one of these when they go Away; the Monitoring page and the status log show it.
      </p>
      <ul aria-label="Away reasons" className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {reasons.map((reason) => (
          <li key={reason.label} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
            <span>{reason.label}</span>
            {reason.builtIn ? (
              <span className="text-xs text-slate-500">Built in</span>
            ) : (
              canEdit && (
                <Button
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  aria-label={`Delete ${reason.label}`}
                  pending={remove.isPending && remove.variables?.reasonId === reason.id}
                  onClick={() => remove.mutate({ workspaceId, reasonId: reason.id! })}
                >
                  Delete
                </Button>
              )
            )}
          </li>
        ))}
      </ul>
      {custom.length === 0 && <p className="text-sm text-slate-500">No reasons of your own yet.</p>}
      {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
      {canEdit && (
        <form onSubmit={onSubmit} className="flex items-start gap-2" noValidate>
          <Field
            label="New reason"
            name="label"
            value={label}
            maxLength={80}
            onChange={(e) => {
              setLabel(e.target.value);
              clear();
              add.reset();
            }}
            error={error}
            hint="Up to 60 characters, e.g. “Coaching”."
            className="flex-1"
          />
          <Button type="submit" className="mt-6" pending={add.isPending}>
            Add reason
          </Button>
        </form>
      )}
    </div>
  );
}

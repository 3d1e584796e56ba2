"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Props = { workspace: { id: string; name: string; slug: string }; canEdit: boolean };

export function WorkspaceNameForm({ workspace, canEdit }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState(workspace.name);
  const rename = useMutation(trpc.workspace.rename.mutationOptions({ onSuccess: () => router.refresh() }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rename.mutate({ workspaceId: workspace.id, name });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <Field
        label="Workspace name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        disabled={!canEdit}
        hint={canEdit ? "Shown to your team in the console." : "Only owners and admins can rename the workspace."}
        error={rename.error ? errorMessage(rename.error) : null}
      />
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-700">Console address</p>
        <p className="text-sm text-slate-600">
          /{workspace.slug} <span className="text-xs text-slate-500">(stays the same when you rename)</span>
        </p>
      </div>
      {rename.isSuccess && !rename.isPending && <Alert tone="info">Workspace renamed.</Alert>}
      {canEdit && (
        <Button type="submit" pending={rename.isPending} disabled={name.trim() === workspace.name}>
          Save
        </Button>
      )}
    </form>
  );
}

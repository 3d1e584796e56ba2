"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ConfirmButton } from "@/components/projects/confirm-button";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useClientCheck } from "@/components/ui/use-client-check";
import { skillGroupNameSchema } from "@/server/team/team-input";
import type { Role } from "@/server/workspaces/roles";
import type { TeamAccess } from "./team-access";
import { useRefreshTeam } from "./use-refresh-team";

type Person = { userId: string; name: string | null; email: string; role: Role };
type Group = { id: string; name: string; memberIds: string[] };

/** A name field that checks with the server's rules first; used to create and to rename. */
function GroupNameForm({
  label,
  submitLabel,
  initial = "",
  pending,
  serverError,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  pending: boolean;
  serverError: unknown;
  onSubmit: (name: string) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial);
  const { problem, check, clear } = useClientCheck(skillGroupNameSchema, "Check the name.");
  const field = serverError ? errorField(serverError) : null;
  const message = serverError ? errorMessage(serverError) : null;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = check(name);
    if (checked !== null) onSubmit(checked);
  }
  return (
    <form onSubmit={submit} className="space-y-2" noValidate>
      <div className="flex flex-wrap items-start gap-2">
        <Field
          label={label}
          name="name"
          className="min-w-56 flex-1"
          value={name}
          maxLength={80}
          onChange={(e) => {
            setName(e.target.value);
            clear();
          }}
          error={problem ?? (field === "name" ? message : null)}
        />
        <Button type="submit" className="mt-6" pending={pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" className="mt-6" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
      {message && field !== "name" && <Alert>{message}</Alert>}
    </form>
  );
}

function GroupCard({
  workspaceId,
  group,
  people,
  access,
}: {
  workspaceId: string;
  group: Group;
  people: Person[];
  access: TeamAccess;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const done = { onSettled: () => refresh() };
  const [renaming, setRenaming] = useState(false);
  const rename = useMutation(trpc.team.renameSkillGroup.mutationOptions({ ...done, onSuccess: () => setRenaming(false) }));
  const remove = useMutation(trpc.team.deleteSkillGroup.mutationOptions(done));
  const add = useMutation(trpc.team.addSkillGroupMember.mutationOptions(done));
  const drop = useMutation(trpc.team.removeSkillGroupMember.mutationOptions(done));
  const ids = { workspaceId, skillGroupId: group.id };
  const members = people.filter((p) => group.memberIds.includes(p.userId));
  const addable = people.filter((p) => p.role !== "marketer" && !group.memberIds.includes(p.userId));
  const error = [remove.error, add.error, drop.error].find(Boolean);

  return (
    <li className="space-y-3 rounded-md border border-slate-200 p-4" aria-label={`Skill group ${group.name}`}>
      {renaming ? (
        <GroupNameForm
          label="Group name"
          submitLabel="Save"
          initial={group.name}
          pending={rename.isPending}
          serverError={rename.error}
          onSubmit={(name) => rename.mutate({ ...ids, name })}
          onCancel={() => {
            rename.reset();
            setRenaming(false);
          }}
        />
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-medium text-slate-900">{group.name}</h3>
          {access.manage.allowed && (
            <div className="flex gap-2">
              <Button variant="ghost" onClick={() => setRenaming(true)}>
                Rename
              </Button>
              <ConfirmButton
                label="Delete"
                question={`Delete the skill group ${group.name}? Links and sessions aimed at it go to everyone instead.`}
                confirmLabel="Yes, delete"
                pending={remove.isPending}
                onConfirm={() => remove.mutate(ids)}
              />
            </div>
          )}
        </div>
      )}
      {error && <Alert>{errorMessage(error)}</Alert>}
      {members.length === 0 ? (
        <p className="text-sm text-slate-500">No one in this group yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label={`Members of ${group.name}`}>
          {members.map((p) => (
            <li key={p.userId} className="flex items-center gap-1 rounded-full bg-slate-100 py-1 pl-3 pr-1 text-sm">
              {p.name ?? p.email}
              {access.manage.allowed && (
                <button
                  type="button"
                  className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                  aria-label={`Remove ${p.name ?? p.email} from ${group.name}`}
                  disabled={drop.isPending}
                  onClick={() => drop.mutate({ ...ids, userId: p.userId })}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {access.manage.allowed && addable.length > 0 && (
        <SelectField
          label={`Add someone to ${group.name}`}
          hideLabel
          className="max-w-xs"
          value=""
          disabled={add.isPending}
          onChange={(e) => e.target.value && add.mutate({ ...ids, userId: e.target.value })}
          options={[
            { value: "", label: "Add a member…" },
            ...addable.map((p) => ({ value: p.userId, label: p.name ?? p.email })),
          ]}
        />
      )}
    </li>
  );
}

/** Named groups of agents: routing can send a session to one, and risk groups can exempt one. */
export function SkillGroups({ workspaceId, people, access }: { workspaceId: string; people: Person[]; access: TeamAccess }) {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const groups = useQuery(trpc.team.skillGroups.queryOptions({ workspaceId }));
  const [formKey, setFormKey] = useState(0);
  const create = useMutation(
    trpc.team.createSkillGroup.mutationOptions({
      onSuccess: async () => {
        setFormKey((k) => k + 1);
        await refresh();
      },
    }),
  );

  return (
    <div className="space-y-4">
      {access.manage.allowed && (
        <GroupNameForm
          key={formKey}
          label="New skill group"
          submitLabel="Create group"
          pending={create.isPending}
          serverError={create.error}
          onSubmit={(name) => create.mutate({ workspaceId, name })}
        />
      )}
      {groups.isPending ? (
        <div className="h-16 animate-pulse rounded-md bg-slate-100" aria-label="Loading skill groups" />
      ) : groups.isError ? (
        <Alert>
          Could not load skill groups: {errorMessage(groups.error)}{" "}
          <Button variant="ghost" onClick={() => groups.refetch()}>
            Retry
          </Button>
        </Alert>
      ) : groups.data.length === 0 ? (
        <p className="text-sm text-slate-500">
          No skill groups yet. Create one (for example “Billing” or “VIP”) to send some customers to the agents who know their
          topic.
        </p>
      ) : (
        <ul className="space-y-3">
          {groups.data.map((group) => (
            <GroupCard key={group.id} workspaceId={workspaceId} group={group} people={people} access={access} />
          ))}
        </ul>
      )}
    </div>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ConfirmButton } from "@/components/projects/confirm-button";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RiskGroupForm, type RiskGroupOptions } from "./risk-group-form";

type Props = { workspaceId: string; slug: string; readOnlyReason: string | null };

type GroupSummary = {
  id: string;
  name: string;
  action: "confirm" | "block";
  enabled: boolean;
  allProjects: boolean;
  projectIds: string[];
  keywordCount: number;
  patternCount: number;
  exemptCount: number;
  sample: string[];
};

function EditGroup({
  workspaceId,
  groupId,
  options,
  onDone,
}: {
  workspaceId: string;
  groupId: string;
  options: RiskGroupOptions;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const group = useQuery(trpc.risk.group.queryOptions({ workspaceId, groupId }));
  if (group.isPending) return <div className="h-40 animate-pulse rounded-md bg-slate-100" aria-label="Loading the group" />;
  if (group.isError) return <Alert>Could not load the group: {errorMessage(group.error)}</Alert>;
  return <RiskGroupForm key={group.data.id} workspaceId={workspaceId} options={options} group={group.data} onDone={onDone} />;
}

function GroupCard({
  workspaceId,
  group,
  projectNames,
  canEdit,
  onEdit,
}: {
  workspaceId: string;
  group: GroupSummary;
  projectNames: Map<string, string>;
  canEdit: boolean;
  onEdit: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.risk.pathFilter());
  const setEnabled = useMutation(trpc.risk.setEnabled.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.risk.deleteGroup.mutationOptions({ onSuccess: refresh }));
  const scope = group.allProjects
    ? "All projects"
    : group.projectIds.map((id) => projectNames.get(id) ?? "a removed project").join(", ");
  const error = setEnabled.error ?? remove.error;

  return (
    <li data-testid="risk-group" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="font-semibold text-slate-900">{group.name}</h3>
          <p className="text-sm text-slate-600">
            <span
              className={`mr-2 rounded-full px-2 py-0.5 text-xs font-medium ${
                group.action === "block" ? "bg-red-50 text-red-700" : "bg-amber-50 text-amber-800"
              }`}
            >
              {group.action === "block" ? "Blocks" : "Asks to confirm"}
            </span>
            {group.keywordCount.toLocaleString("en")} keyword{group.keywordCount === 1 ? "" : "s"}, {group.patternCount} pattern
            {group.patternCount === 1 ? "" : "s"} · {scope}
            {group.exemptCount ? ` · ${group.exemptCount} exemption${group.exemptCount === 1 ? "" : "s"}` : ""}
          </p>
          {group.sample.length > 0 && (
            <p className="mt-1 truncate text-xs text-slate-500" title={group.sample.join(", ")}>
              {group.sample.join(" · ")}
              {group.keywordCount + group.patternCount > group.sample.length ? " …" : ""}
            </p>
          )}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={group.enabled}
            disabled={!canEdit || setEnabled.isPending}
            onChange={(e) => setEnabled.mutate({ workspaceId, groupId: group.id, enabled: e.target.checked })}
          />
          {group.enabled ? "On" : "Off"}
        </label>
      </div>
      {canEdit && (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={onEdit}>
            Edit
          </Button>
          <ConfirmButton
            label="Delete"
            question={`Delete "${group.name}"? Messages are no longer checked against it; its trigger records stay in the audit.`}
            confirmLabel="Delete group"
            pending={remove.isPending}
            onConfirm={() => remove.mutate({ workspaceId, groupId: group.id })}
          />
        </div>
      )}
      {error && <Alert>{errorMessage(error)}</Alert>}
    </li>
  );
}

/** The Risk control page: the workspace's risk word groups, the crypto template, and the editor. */
export function RiskGroupsOverview({ workspaceId, slug, readOnlyReason }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery(trpc.risk.overview.queryOptions({ workspaceId }));
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const template = useMutation(
    trpc.risk.createCryptoTemplate.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.risk.pathFilter()) }),
  );

  if (overview.isPending) {
    return (
      <div className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading risk word groups" />
    );
  }
  if (overview.isError) {
    return (
      <Alert>
        Could not load the risk word groups: {errorMessage(overview.error)}{" "}
        <Button variant="ghost" onClick={() => overview.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  const { included, upgradeMessage, groups, options } = overview.data;
  const canEdit = included && !readOnlyReason;
  const projectNames = new Map(options.projects.map((p) => [p.id, p.name]));
  const hasTemplate = groups.some((g) => g.name === "Crypto addresses");

  return (
    <div className="space-y-4">
      {!included && upgradeMessage && (
        <Alert tone="warning">
          {upgradeMessage}{" "}
          <Link href={`/${slug}/settings/plan`} className="font-medium underline">
            See plans
          </Link>
        </Alert>
      )}
      {included && readOnlyReason && <Alert tone="info">{readOnlyReason}</Alert>}

      {canEdit && editing === null && (
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => setEditing("new")}>
            New group
          </Button>
          <Button
            type="button"
            variant="secondary"
            pending={template.isPending}
            onClick={() => template.mutate({ workspaceId })}
            title="TRC20, ERC20 and BTC address patterns, for all projects, asking to confirm"
          >
            {hasTemplate ? "Add the crypto addresses template again" : "Add the crypto addresses template"}
          </Button>
        </div>
      )}
      {template.isError && <Alert>{errorMessage(template.error)}</Alert>}

      {editing !== null && canEdit && (
        <Card title={editing === "new" ? "New risk word group" : "Edit risk word group"}>
          {editing === "new" ? (
            <RiskGroupForm workspaceId={workspaceId} options={options} group={null} onDone={() => setEditing(null)} />
          ) : (
            <EditGroup workspaceId={workspaceId} groupId={editing} options={options} onDone={() => setEditing(null)} />
          )}
        </Card>
      )}

      {groups.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-5 py-8 text-center text-sm text-slate-600">
          {canEdit
            ? "No risk word groups yet. Create one, or start with the crypto addresses template."
            : "No risk word groups yet."}
        </div>
      ) : (
        <ul className="space-y-3" aria-label="Risk word groups">
          {groups.map((group) => (
            <GroupCard
              key={group.id}
              workspaceId={workspaceId}
              group={group}
              projectNames={projectNames}
              canEdit={canEdit && editing === null}
              onEdit={() => setEditing(group.id)}
            />
          ))}
        </ul>
      )}
      <p className="text-sm text-slate-600">
        Every hit is recorded in{" "}
        <Link href={`/${slug}/audit/risk`} className="text-brand-700 hover:underline">
          Audit → Risk triggers
        </Link>
        .
      </p>
    </div>
  );
}

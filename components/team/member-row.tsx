"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/projects/confirm-button";
import { StatusBadge } from "@/components/presence/status-badge";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import type { AgentStatus } from "@/server/presence/change-status";
import { capacitySchema, type AssignableRole } from "@/server/team/team-input";
import { ROLE_LABELS, type Role } from "@/server/workspaces/roles";
import { grantableRoles, type TeamAccess } from "./team-access";
import { useRefreshTeam } from "./use-refresh-team";

export type MemberRowData = {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  status: AgentStatus;
  awayReason: string | null;
  openSessions: number;
  capacity: number;
  mayTransfer: boolean;
  mayViewAll: boolean;
};

/** One member: who, role, live status and load, capacity and permissions, and a way to remove them. */
export function MemberRow({
  workspaceId,
  member,
  access,
  isViewer,
}: {
  workspaceId: string;
  member: MemberRowData;
  access: TeamAccess;
  isViewer: boolean;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const done = { onSettled: () => refresh() };
  const changeRole = useMutation(trpc.team.changeRole.mutationOptions(done));
  const setCapacity = useMutation(trpc.team.setCapacity.mutationOptions(done));
  const setPermissions = useMutation(trpc.team.setPermissions.mutationOptions(done));
  const remove = useMutation(trpc.team.remove.mutationOptions(done));
  const [capacity, setCapacityDraft] = useState(String(member.capacity));
  const [capacityProblem, setCapacityProblem] = useState<string | null>(null);

  const seat = member.role !== "marketer";
  const protectedMember = member.role === "owner" || (member.role === "admin" && !access.manageAdmins.allowed);
  const mayChange = access.manage.allowed && !protectedMember;
  const ids = { workspaceId, userId: member.userId };
  const name = member.name ?? member.email;
  const roleOptions = grantableRoles(access).includes(member.role as AssignableRole)
    ? grantableRoles(access)
    : [member.role, ...grantableRoles(access)];
  const error = [changeRole.error, setCapacity.error, setPermissions.error, remove.error].find(Boolean);

  function saveCapacity() {
    const parsed = capacitySchema.safeParse(Number(capacity));
    setCapacityProblem(parsed.success ? null : (parsed.error.issues[0]?.message ?? "Check the capacity."));
    if (parsed.success) setCapacity.mutate({ ...ids, capacity: parsed.data });
  }

  return (
    <tr className="align-top" aria-label={name}>
      <td className="px-4 py-3">
        <p className="font-medium text-slate-900">
          {name}
          {isViewer && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
        </p>
        <p className="text-xs text-slate-500">{member.email}</p>
        {error && (
          <p role="alert" className="mt-1 max-w-xs text-xs text-red-700">
            {errorMessage(error)}
          </p>
        )}
      </td>
      <td className="px-4 py-3">
        {mayChange ? (
          <SelectField
            label={`Role of ${name}`}
            hideLabel
            value={member.role}
            disabled={changeRole.isPending}
            onChange={(e) => changeRole.mutate({ ...ids, role: e.target.value as AssignableRole })}
            options={roleOptions.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        ) : (
          <span className="text-sm text-slate-700">{ROLE_LABELS[member.role]}</span>
        )}
      </td>
      <td className="px-4 py-3">
        {seat ? (
          <StatusBadge status={member.status} awayReason={member.awayReason} />
        ) : (
          <span className="text-sm text-slate-400">—</span>
        )}
      </td>
      <td className="px-4 py-3 text-sm text-slate-700" aria-label={`Open sessions of ${name}`}>
        {seat ? member.openSessions : "—"}
      </td>
      <td className="px-4 py-3">
        {!seat ? (
          <span className="text-sm text-slate-400">Takes no seat</span>
        ) : access.manage.allowed ? (
          <div className="flex items-center gap-1.5">
            <label className="sr-only" htmlFor={`capacity-${member.userId}`}>
              Capacity of {name}
            </label>
            <input
              id={`capacity-${member.userId}`}
              type="number"
              min={1}
              max={50}
              value={capacity}
              aria-invalid={capacityProblem ? true : undefined}
              onChange={(e) => {
                setCapacityDraft(e.target.value);
                setCapacityProblem(null);
              }}
              className="w-16 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            />
            {capacity !== String(member.capacity) && (
              <Button variant="secondary" className="px-2 py-1.5" pending={setCapacity.isPending} onClick={saveCapacity}>
                Save
              </Button>
            )}
            {capacityProblem && <p className="text-xs text-red-600">{capacityProblem}</p>}
          </div>
        ) : (
          <span className="text-sm text-slate-700">{member.capacity} at once</span>
        )}
      </td>
      <td className="space-y-1 px-4 py-3 text-sm">
        {seat && (
          <>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={member.mayTransfer}
                disabled={!access.manage.allowed || setPermissions.isPending}
                onChange={(e) => setPermissions.mutate({ ...ids, mayTransfer: e.target.checked })}
              />
              May transfer sessions
            </label>
            {member.role === "agent" ? (
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={member.mayViewAll}
                  disabled={!access.manage.allowed || setPermissions.isPending}
                  onChange={(e) => setPermissions.mutate({ ...ids, mayViewAll: e.target.checked })}
                />
                May view all sessions
              </label>
            ) : (
              <p className="text-xs text-slate-500">Sees all sessions</p>
            )}
          </>
        )}
      </td>
      <td className="px-4 py-3 text-right">
        {mayChange && (
          <ConfirmButton
            label="Remove"
            question={`Remove ${name} from the workspace? ${
              member.openSessions > 0 ? `Their ${member.openSessions} open sessions go back to the queue.` : ""
            }`}
            confirmLabel="Yes, remove"
            pending={remove.isPending}
            onConfirm={() => remove.mutate(ids)}
          />
        )}
      </td>
    </tr>
  );
}

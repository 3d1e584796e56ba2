"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS } from "@/server/workspaces/roles";
import type { TeamAccess } from "./team-access";
import { useRefreshTeam } from "./use-refresh-team";

/** Invitations not yet accepted: who, as what, until when; managers revoke them. */
export function PendingInvitations({ workspaceId, access }: { workspaceId: string; access: TeamAccess }) {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const list = useQuery(trpc.team.invitations.queryOptions({ workspaceId }));
  const revoke = useMutation(trpc.team.revokeInvitation.mutationOptions({ onSettled: () => refresh() }));

  if (list.isPending) return <div className="h-12 animate-pulse rounded-lg bg-slate-100" aria-label="Loading invitations" />;
  if (list.isError) {
    return (
      <Alert>
        Could not load pending invitations: {errorMessage(list.error)}{" "}
        <Button variant="ghost" onClick={() => list.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  if (list.data.length === 0) return <p className="text-sm text-slate-500">No pending invitations.</p>;
  return (
    <div className="space-y-2">
      {revoke.error && <Alert>{errorMessage(revoke.error)}</Alert>}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Pending invitations">
        {list.data.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm">
            <span className="min-w-48 flex-1 font-medium text-slate-900">{invitation.address}</span>
            <span className="w-24 text-slate-600">{ROLE_LABELS[invitation.role]}</span>
            <span className={`w-56 ${invitation.expired ? "text-amber-700" : "text-slate-500"}`}>
              {invitation.expired
                ? "Expired — invite again for a new link"
                : `Expires ${invitation.expiresAt.toLocaleDateString(undefined, { dateStyle: "medium" })}`}
              {invitation.invitedBy ? ` · by ${invitation.invitedBy}` : ""}
            </span>
            {access.manage.allowed && (
              <Button
                variant="ghost"
                aria-label={`Revoke the invitation for ${invitation.address}`}
                pending={revoke.isPending && revoke.variables?.invitationId === invitation.id}
                disabled={invitation.role === "admin" && !access.manageAdmins.allowed}
                onClick={() => revoke.mutate({ workspaceId, invitationId: invitation.id })}
              >
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

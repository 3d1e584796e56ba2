"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useWorkspaceEvents } from "@/components/console/use-workspace-events";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { InviteForm } from "./invite-form";
import { MemberTable } from "./member-table";
import { PendingInvitations } from "./pending-invitations";
import { SeatUsage } from "./seat-usage";
import { SkillGroups } from "./skill-groups";
import type { TeamAccess } from "./team-access";

type Props = { workspaceId: string; viewerId: string; access: TeamAccess };

/** The Agents page: seat usage, invitations, members with their status and settings, skill groups. */
export function AgentsView({ workspaceId, viewerId, access }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roster = useQuery(trpc.team.roster.queryOptions({ workspaceId }));

  // Status and load change all the time: re-read the roster when an agent changes or the stream reconnects.
  useWorkspaceEvents(workspaceId, (event) => {
    if (event.type === "agent.updated" || event.type === "resync") {
      void queryClient.invalidateQueries(trpc.team.roster.queryFilter({ workspaceId }));
    }
  });

  if (roster.isPending) {
    return <div className="h-64 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading members" />;
  }
  if (roster.isError) {
    return (
      <Alert>
        Could not load your team: {errorMessage(roster.error)}{" "}
        <Button variant="ghost" onClick={() => roster.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  const { members, seats } = roster.data;

  return (
    <div className="space-y-6">
      <SeatUsage seats={seats} />
      {access.manage.reason && <Alert tone="info">{access.manage.reason}</Alert>}
      {access.manage.allowed && (
        <Card title="Invite someone">
          <InviteForm workspaceId={workspaceId} access={access} />
        </Card>
      )}
      <Card title="Pending invitations">
        <PendingInvitations workspaceId={workspaceId} access={access} />
      </Card>
      <section className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-900">Members</h2>
        {members.length === 1 && (
          <p className="text-sm text-slate-600">
            Only you so far. Invite your agents above; each one gets a link to join this workspace.
          </p>
        )}
        <MemberTable workspaceId={workspaceId} members={members} access={access} viewerId={viewerId} />
      </section>
      <Card title="Skill groups">
        <SkillGroups workspaceId={workspaceId} people={members} access={access} />
      </Card>
    </div>
  );
}

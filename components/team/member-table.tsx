"use client";
import { DataTable } from "@/components/ui/data-table";
import { MemberRow, type MemberRowData } from "./member-row";
import type { TeamAccess } from "./team-access";

const COLUMNS = ["Member", "Role", "Status", "Open sessions", "Capacity", "Permissions", { label: "Actions", hidden: true }];

/** Every member of the workspace, owner first. */
export function MemberTable({
  workspaceId,
  members,
  access,
  viewerId,
}: {
  workspaceId: string;
  members: MemberRowData[];
  access: TeamAccess;
  viewerId: string;
}) {
  return (
    <DataTable aria-label="Members" className="min-w-[56rem]" cellClassName="px-4 py-2" columns={COLUMNS}>
      {members.map((member) => (
        <MemberRow
          key={`${member.userId}-${member.capacity}`}
          workspaceId={workspaceId}
          member={member}
          access={access}
          isViewer={member.userId === viewerId}
        />
      ))}
    </DataTable>
  );
}

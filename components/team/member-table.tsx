"use client";
import type { TeamAccess } from "./team-access";
import { MemberRow, type MemberRowData } from "./member-row";

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
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[56rem] text-left" aria-label="Members">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Member</th>
            <th className="px-4 py-2 font-medium">Role</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2 font-medium">Open sessions</th>
            <th className="px-4 py-2 font-medium">Capacity</th>
            <th className="px-4 py-2 font-medium">Permissions</th>
            <th className="px-4 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => (
            <MemberRow
              key={`${member.userId}-${member.capacity}`}
              workspaceId={workspaceId}
              member={member}
              access={access}
              isViewer={member.userId === viewerId}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

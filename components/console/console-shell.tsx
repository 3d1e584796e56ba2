import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { StatusSwitcher } from "@/components/presence/status-switcher";
import { EscalationNotices } from "@/components/routing/escalation-notices";
import { Logo } from "@/components/ui/logo";
import type { Permission } from "@/lib/access/permission";
import { ROLE_LABELS, type Role } from "@/lib/access/roles";
import { ConsoleNav } from "./console-nav";
import { WorkspaceSwitcher } from "./workspace-switcher";

type Props = {
  workspace: { id: string; slug: string; name: string };
  role: Role;
  user: { name: string | null; email: string };
  /** The access model's answers the frame needs: an own status (and whether it can change now), escalation notices. */
  access: { ownStatus: Permission; hasStatus: boolean; escalations: boolean };
  /** Why the console is read-only (the plan has expired), or null. */
  readOnlyReason: string | null;
  children: ReactNode;
};

/** The frame of every console page: workspace switcher and navigation on the left, the user on top. */
export function ConsoleShell({ workspace, role, user, access, readOnlyReason, children }: Props) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col gap-4 border-r border-slate-200 bg-white p-4">
        <Logo href={`/${workspace.slug}`} />
        <WorkspaceSwitcher current={workspace} />
        <ConsoleNav slug={workspace.slug} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-6 py-3">
          {access.hasStatus && <StatusSwitcher workspaceId={workspace.id} readOnlyReason={access.ownStatus.reason} />}
          <div className="text-right text-sm leading-tight">
            <p className="font-medium" data-testid="current-user">
              {user.name ?? user.email}
            </p>
            <p className="text-xs text-slate-500">{ROLE_LABELS[role]}</p>
          </div>
          <SignOutButton />
        </header>
        {readOnlyReason && (
          <div role="status" className="border-b border-amber-200 bg-amber-50 px-6 py-2 text-sm text-amber-900">
            {readOnlyReason} Agents cannot work sessions meanwhile; your data is kept for 30 days.{" "}
            <Link href={`/${workspace.slug}/settings/plan`} className="font-medium underline">
              See your plan
            </Link>
          </div>
        )}
        <main className="flex-1 px-6 py-6">{children}</main>
        {access.escalations && <EscalationNotices workspaceId={workspace.id} slug={workspace.slug} />}
      </div>
    </div>
  );
}

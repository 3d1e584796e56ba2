import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/console/console-shell";
import { planExpiredMessage, roleMay } from "@/lib/access/permission";
import { consoleMembership } from "@/server/auth/console-membership";

export default async function ConsoleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceSlug: string }>;
}) {
  const { workspaceSlug } = await params;
  const { user, membership, plan, access } = await consoleMembership(workspaceSlug);
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${workspaceSlug}`)}`);
  if (!membership) notFound();
  return (
    <ConsoleShell
      workspace={membership.workspace}
      role={membership.role}
      user={user}
      access={{
        ownStatus: access("status.own"),
        hasStatus: roleMay(membership.role, "status.own"),
        escalations: access("routing.view").allowed,
      }}
      readOnlyReason={plan.readOnly ? planExpiredMessage(plan) : null}
    >
      {children}
    </ConsoleShell>
  );
}

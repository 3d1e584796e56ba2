import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/console/console-shell";
import { database } from "@/db/client";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { consoleMembership } from "@/server/workspaces/console-membership";

export default async function ConsoleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceSlug: string }>;
}) {
  const { workspaceSlug } = await params;
  const { user, membership } = await consoleMembership(workspaceSlug);
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${workspaceSlug}`)}`);
  if (!membership) notFound();
  const plan = await loadPlanState(database(), membership.workspace);
  return (
    <ConsoleShell
      workspace={membership.workspace}
      role={membership.role}
      user={user}
      expiredPlan={plan.readOnly ? plan.label : null}
    >
      {children}
    </ConsoleShell>
  );
}

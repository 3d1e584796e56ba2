import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/console/console-shell";
import { consoleMembership } from "@/server/workspaces/console-membership";

export default async function ConsoleLayout({ children, params }: { children: ReactNode; params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { user, membership } = await consoleMembership(workspaceSlug);
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${workspaceSlug}`)}`);
  if (!membership) notFound();
  return (
    <ConsoleShell workspace={membership.workspace} role={membership.role} user={user}>
      {children}
    </ConsoleShell>
  );
}

import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { InboxView } from "@/components/inbox/inbox-view";
import { env } from "@/lib/env";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Inbox" };

export default async function InboxLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceSlug: string }>;
}) {
  const { workspaceSlug } = await params;
  const { user, membership, access } = await consoleMembership(workspaceSlug);
  if (!user || !membership) notFound();
  if (!access("inbox.view").allowed) {
    return (
      <div className="mx-auto max-w-xl py-16 text-center">
        <h1 className="text-2xl font-semibold">Inbox</h1>
        <p className="mt-2 text-slate-600">
          The inbox is for owners, admins, supervisors and agents. Ask an owner or admin to change your role if you answer
          customers.
        </p>
      </div>
    );
  }
  const { id, slug } = membership.workspace;
  return (
    <InboxView workspace={{ id, slug }} viewerId={user.id} sandboxEnabled={Boolean(env().TELEGRAM_SANDBOX_URL)}>
      {children}
    </InboxView>
  );
}

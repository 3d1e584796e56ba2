import { notFound } from "next/navigation";
import { z } from "zod";
import { AgentStatusAudit } from "@/components/audit/agent-status-audit";
import { SessionLogAudit } from "@/components/audit/session-log-audit";
import { consoleMembership } from "@/server/auth/console-membership";

export const metadata = { title: "Session log" };

/** `?session=<id>` opens the log of one conversation (the conversation view links here). */
export default async function SessionLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<{ session?: string | string[] }>;
}) {
  const [{ workspaceSlug }, query] = await Promise.all([params, searchParams]);
  const { membership, access } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  // The layout explains the refusal; nothing of the log is rendered for other roles.
  if (!access("audit.view").allowed) return null;
  const session = z.uuid().safeParse(query.session);
  return (
    <div className="space-y-10">
      <SessionLogAudit
        workspaceId={membership.workspace.id}
        slug={membership.workspace.slug}
        initialSessionId={session.success ? session.data : undefined}
      />
      <AgentStatusAudit workspaceId={membership.workspace.id} />
    </div>
  );
}

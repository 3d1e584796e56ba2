import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AuditTabs } from "@/components/audit/audit-tabs";
import { Alert } from "@/components/ui/alert";
import { consoleMembership } from "@/server/auth/console-membership";

export default async function AuditLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceSlug: string }>;
}) {
  const { workspaceSlug } = await params;
  const { membership, access } = await consoleMembership(workspaceSlug);
  const audit = access?.("audit.view");
  if (!membership) notFound();
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit</h1>
        <p className="mt-1 text-slate-600">Who got which conversation, who moved it and why; and every risk control hit.</p>
      </div>
      {audit?.allowed ? (
        <>
          <AuditTabs slug={workspaceSlug} />
          {children}
        </>
      ) : (
        <Alert tone="info">{audit?.reason}</Alert>
      )}
    </div>
  );
}

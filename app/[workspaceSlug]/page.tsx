import Link from "next/link";
import { notFound } from "next/navigation";
import { CONSOLE_AREAS } from "@/components/console/areas";
import { Card } from "@/components/ui/card";
import { consoleMembership } from "@/server/auth/console-membership";

export default async function WorkspaceOverview({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { membership } = await consoleMembership(workspaceSlug);
  if (!membership) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="workspace-name">
          {membership.workspace.name}
        </h1>
        <p className="mt-1 text-slate-600">Welcome to your help desk. Here is what is ready and what is coming.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {CONSOLE_AREAS.map((area) => (
          <Link key={area.path} href={`/${workspaceSlug}/${area.path}`} className="block">
            <Card className="h-full transition-colors hover:border-brand-500">
              <div className="flex items-center justify-between">
                <h2 className="font-medium">{area.label}</h2>
                <span className={`text-xs ${area.ready ? "text-emerald-700" : "text-slate-500"}`}>
                  {area.ready ? "Ready" : "Not built yet"}
                </span>
              </div>
              <p className="mt-1 text-sm text-slate-600">{area.about}</p>
            </Card>
          </Link>
        ))}
      </div>
    </div>
  );
}

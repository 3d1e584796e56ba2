"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RULE_CHOICES, STRATEGY_CHOICES } from "./routing-labels";

/** Every project's routing in one line each, linking to its settings. */
export function RoutingOverview({ workspaceId, slug }: { workspaceId: string; slug: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.routing.overview.queryOptions({ workspaceId }));

  if (query.isPending) {
    return <div className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading projects" />;
  }
  if (query.isError) {
    return (
      <Alert>
        Could not load the projects: {errorMessage(query.error)}{" "}
        <Button variant="ghost" onClick={() => query.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  if (!query.data.length) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="routing-empty">
        <p className="font-medium">No projects yet</p>
        <p className="mt-1 text-sm text-slate-600">
          Routing is set per project. Create a project and connect its bot first.{" "}
          <Link href={`/${slug}/projects`} className="font-medium text-brand-700 hover:underline">
            Go to Projects
          </Link>
        </p>
      </div>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Projects">
      {query.data.map((project) => (
        <li key={project.id}>
          <Link
            href={`/${slug}/routing/${project.id}`}
            className="flex items-center justify-between gap-4 px-5 py-4 hover:bg-slate-50"
          >
            <div className="min-w-0">
              <p className="truncate font-medium">{project.name}</p>
              <p className="text-sm text-slate-600">
                {RULE_CHOICES[project.routingRule].label} · {STRATEGY_CHOICES[project.routingStrategy].label.toLowerCase()} ·{" "}
                {project.agentScope === "all" ? "all agents" : `${project.agents} picked agent${project.agents === 1 ? "" : "s"}`}
                {project.stickyCustomers ? " · returning customers keep their agent" : ""}
              </p>
            </div>
            <span className="shrink-0 text-sm text-slate-500">
              {project.waiting ? `${project.waiting} waiting` : "Queue empty"} <span aria-hidden>→</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

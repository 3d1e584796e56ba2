"use client";
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { planExpiredMessage } from "@/lib/access/permission";

function UsageMeter({ label, used, limit }: { label: string; used: number; limit: number }) {
  const share = Math.min(100, Math.round((used / Math.max(limit, 1)) * 100));
  return (
    <div>
      <div className="flex justify-between text-sm">
        <span className="font-medium text-slate-700">{label}</span>
        <span data-testid={`usage-${label.toLowerCase()}`} className="text-slate-600">
          {used} of {limit} used
        </span>
      </div>
      <div
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100"
        role="meter"
        aria-label={label}
        aria-valuenow={used}
        aria-valuemin={0}
        aria-valuemax={limit}
      >
        <div
          className={`h-full rounded-full ${used >= limit ? "bg-amber-500" : "bg-brand-500"}`}
          style={{ width: `${share}%` }}
        />
      </div>
    </div>
  );
}

export function PlanOverview({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.plan.overview.queryOptions({ workspaceId }));

  if (overview.isPending) {
    return <div className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading plan" />;
  }
  if (overview.isError) {
    return (
      <Alert>
        Could not load your plan: {errorMessage(overview.error)}{" "}
        <Button variant="ghost" onClick={() => overview.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  const plan = overview.data;
  const ends = plan.endsAt ? new Date(plan.endsAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : null;

  return (
    <div className="space-y-4">
      {plan.status === "expired" && (
        <Alert tone="warning">
          {planExpiredMessage(plan)} Agents cannot work sessions meanwhile; your data is kept for 30 days.
        </Alert>
      )}
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <p className="text-sm text-slate-500">Current plan</p>
            <p className="text-2xl font-semibold" data-testid="plan-name">
              {plan.label}
            </p>
          </div>
          <div className="text-right">
            {plan.status === "trialing" && (
              <p className="text-lg font-medium text-brand-700" data-testid="plan-days-left">
                {plan.daysLeft} {plan.daysLeft === 1 ? "day" : "days"} left
              </p>
            )}
            {plan.status === "active" && <p className="text-lg font-medium text-emerald-700">Active</p>}
            {plan.status === "expired" && <p className="text-lg font-medium text-red-700">Expired</p>}
            {ends && (
              <p className="text-xs text-slate-500">
                {plan.status === "expired" ? "Ended" : plan.status === "trialing" ? "Trial ends" : "Renews"} {ends}
              </p>
            )}
          </div>
        </div>
      </Card>
      <Card title="Usage">
        <div className="space-y-4">
          <UsageMeter label="Seats" used={plan.usage.seats} limit={plan.quotas.seats} />
          <UsageMeter label="Projects" used={plan.usage.projects} limit={plan.quotas.projects} />
        </div>
        <p className="mt-3 text-xs text-slate-500">
          Seats count owners, admins, supervisors and agents; marketers do not take a seat.
        </p>
      </Card>
      <Card title="Included features">
        <ul className="grid gap-2 sm:grid-cols-2">
          {plan.features.map((f) => (
            <li key={f.id} className={`flex items-center gap-2 text-sm ${f.included ? "text-slate-800" : "text-slate-400"}`}>
              <span aria-hidden>{f.included ? "✓" : "–"}</span>
              {f.label}
              {!f.included && <span className="sr-only">(not included)</span>}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Permission } from "@/lib/access/permission";
import { LinkForm } from "./link-form";
import { LinkTable } from "./link-table";

type Props = { workspaceId: string; slug: string; access: Permission };

// Clicks arrive all the time; the counts refresh on their own while the page is open.
const REFRESH_MS = 30_000;

/** The Links page: every link with its counts, and for those who may, a way to add and change them. */
export function LinksOverview({ workspaceId, slug, access }: Props) {
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ ...trpc.links.list.queryOptions({ workspaceId }), refetchInterval: REFRESH_MS });

  return (
    <div className="space-y-4">
      {access.reason && <Alert tone="info">{access.reason}</Alert>}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-slate-900">Your links</h2>
        <div className="flex gap-2">
          <Link
            href={`/${slug}/links/analytics`}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Channel analytics
          </Link>
          {access.allowed && !creating && <Button onClick={() => setCreating(true)}>New link</Button>}
        </div>
      </div>
      {creating && (
        <Card title="New link">
          <LinkForm workspaceId={workspaceId} onDone={() => setCreating(false)} />
        </Card>
      )}
      {list.isPending ? (
        <div className="h-32 animate-pulse rounded-lg border border-slate-200 bg-white" aria-label="Loading links" />
      ) : list.isError ? (
        <Alert>
          Could not load your links: {errorMessage(list.error)}{" "}
          <Button variant="ghost" onClick={() => list.refetch()}>
            Retry
          </Button>
        </Alert>
      ) : list.data.length === 0 ? (
        <EmptyState canCreate={access.allowed && !creating} onCreate={() => setCreating(true)} />
      ) : (
        <LinkTable workspaceId={workspaceId} slug={slug} links={list.data} canEdit={access.allowed} />
      )}
    </div>
  );
}

function EmptyState({ canCreate, onCreate }: { canCreate: boolean; onCreate: () => void }) {
  return (
    <div className="space-y-3 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-sm text-slate-600">
      <p className="font-medium text-slate-900">No diversion links yet.</p>
      <p>
        A diversion link is a short link you put in an ad, a post or an email. When someone opens it, Deskgram records the click —
        where it came from, the campaign (utm_source, utm_medium, utm_campaign …), device and browser — and sends them straight to
        your bot. When they press Start, their conversation is traced back to that click, so you can see which channel brings
        customers.
      </p>
      {canCreate && <Button onClick={onCreate}>Create your first link</Button>}
    </div>
  );
}

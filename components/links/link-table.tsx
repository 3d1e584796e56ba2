"use client";
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { Fragment, useState } from "react";
import { ConfirmButton } from "@/components/projects/confirm-button";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import type { AppRouter } from "@/server/api/root";
import { CopyButton } from "./copy-button";
import { LinkForm } from "./link-form";
import { QrDialog } from "./qr-dialog";
import { useRefreshLinks } from "./use-refresh-links";

export type LinkRow = inferRouterOutputs<AppRouter>["links"]["list"][number];

const STATUS = {
  active: { label: "Active", className: "bg-emerald-50 text-emerald-700 ring-1 ring-emerald-200" },
  paused: { label: "Paused", className: "bg-amber-50 text-amber-800 ring-1 ring-amber-200" },
  expired: { label: "Expired", className: "bg-slate-100 text-slate-600" },
} as const;

const number = new Intl.NumberFormat();

const COLUMNS = [
  "Link",
  "Short URL",
  "Bot",
  { label: "Clicks", className: "text-right" },
  { label: "Unique", className: "text-right" },
  { label: "Starts", className: "text-right" },
  "Status",
  "Expires",
  { label: "Actions", hidden: true },
];

type Props = { workspaceId: string; slug: string; links: LinkRow[]; canEdit: boolean };

/** One row per link: where it points, its counts and state, and what can be done with it. */
export function LinkTable({ workspaceId, slug, links, canEdit }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [qr, setQr] = useState<LinkRow | null>(null);
  return (
    <>
      <DataTable cellClassName="px-4 py-2" columns={COLUMNS}>
        {links.map((link) => (
          <Fragment key={link.id}>
            <tr className="align-top">
              <td className="px-4 py-3">
                <p className="font-medium text-slate-900">{link.name}</p>
                <p className="text-xs text-slate-500">
                  {[link.utmSource, link.utmMedium, link.utmCampaign].filter(Boolean).join(" · ") || "No default UTM"}
                  {link.skillGroupName && ` · to ${link.skillGroupName}`}
                </p>
              </td>
              <td className="px-4 py-3">
                <p className="font-mono text-xs break-all text-slate-800">{link.shortUrl}</p>
                <CopyButton text={link.shortUrl} />
              </td>
              <td className="px-4 py-3 text-slate-700">
                <p>{link.projectName}</p>
                <p className="text-xs text-slate-500">
                  {link.botUsername ? (
                    `@${link.botUsername}`
                  ) : (
                    <span className="text-red-700">No bot: the link answers “not found”</span>
                  )}
                </p>
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{number.format(link.clicks)}</td>
              <td className="px-4 py-3 text-right tabular-nums">{number.format(link.uniqueVisitors)}</td>
              <td className="px-4 py-3 text-right tabular-nums">{number.format(link.starts)}</td>
              <td className="px-4 py-3">
                <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${STATUS[link.status].className}`}>
                  {STATUS[link.status].label}
                </span>
              </td>
              <td className="px-4 py-3 text-xs whitespace-nowrap text-slate-600">
                {link.expiresAt ? link.expiresAt.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "Never"}
              </td>
              <td className="px-4 py-3">
                <div className="flex flex-wrap justify-end gap-1">
                  <Link
                    href={`/${slug}/links/${link.id}`}
                    className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
                  >
                    Analytics
                  </Link>
                  <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => setQr(link)}>
                    QR code
                  </Button>
                  {canEdit && (
                    <Button
                      type="button"
                      variant="ghost"
                      className="px-2 py-1 text-xs"
                      aria-expanded={editing === link.id}
                      onClick={() => setEditing(editing === link.id ? null : link.id)}
                    >
                      Edit
                    </Button>
                  )}
                </div>
              </td>
            </tr>
            {canEdit && editing === link.id && (
              <tr>
                <td colSpan={9} className="bg-slate-50 px-4 py-4">
                  <LinkForm workspaceId={workspaceId} link={link} onDone={() => setEditing(null)} />
                  <LinkStateActions workspaceId={workspaceId} link={link} onDeleted={() => setEditing(null)} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </DataTable>
      {qr && <QrDialog url={qr.shortUrl} code={qr.code} name={qr.name} onClose={() => setQr(null)} />}
    </>
  );
}

/** Pause or resume, and delete (which asks first). */
function LinkStateActions({ workspaceId, link, onDeleted }: { workspaceId: string; link: LinkRow; onDeleted: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshLinks();
  const setPaused = useMutation(trpc.links.setPaused.mutationOptions({ onSuccess: () => refresh() }));
  const remove = useMutation(
    trpc.links.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onDeleted();
      },
    }),
  );
  const paused = link.status === "paused";
  const error = setPaused.error ?? remove.error;
  return (
    <div className="mt-4 space-y-2 border-t border-slate-200 pt-4">
      <div className="flex flex-wrap items-start gap-2">
        <Button
          type="button"
          variant="secondary"
          pending={setPaused.isPending}
          onClick={() => setPaused.mutate({ workspaceId, linkId: link.id, paused: !paused })}
        >
          {paused ? "Resume link" : "Pause link"}
        </Button>
        <ConfirmButton
          label="Delete link"
          question={`Delete “${link.name}”? Its short URL stops working at once. Its clicks stay in analytics, and its code is never reused.`}
          confirmLabel="Delete"
          pending={remove.isPending}
          onConfirm={() => remove.mutate({ workspaceId, linkId: link.id })}
        />
      </div>
      <p className="text-xs text-slate-500">
        {paused
          ? "Paused: the short URL answers “not found” until you resume it."
          : "Pausing makes the short URL answer “not found” until you resume it."}
      </p>
      {error && <Alert>{errorMessage(error)}</Alert>}
    </div>
  );
}

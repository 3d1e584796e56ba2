"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CHANNEL_FIELDS, exportQuery, type ChannelField } from "@/server/links/analytics-filters";
import type { Breakdown, LinkAnalytics } from "@/server/links/analytics";
import { FiguresTable, type FiguresRow } from "./figures-table";
import { count, rate } from "./format";
import { RangePicker, type RangeValue } from "./range-picker";
import { SeriesChart } from "./series-chart";
import { useTimeZone } from "./use-time-zone";

type Props = {
  workspaceId: string;
  slug: string;
  /** One link's analytics, or null for every link and channel of the workspace. */
  linkId: string | null;
  /** Why the workspace is read-only (its plan has expired), or null. */
  readOnlyReason: string | null;
};

const CHANNEL_LABELS: Record<ChannelField, string> = { source: "Source", medium: "Medium", campaign: "Campaign" };

function breakdownRows(rows: Breakdown[], none: string): FiguresRow[] {
  return rows.map((row) => ({
    key: row.value ?? "\u0000none",
    label: row.value ?? <span className="font-normal italic text-slate-500">{none}</span>,
    figures: row,
  }));
}

/** The analytics page: figures per link and channel over a time range, the series, breakdowns and CSV export. */
export function AnalyticsView({ workspaceId, slug, linkId, readOnlyReason }: Props) {
  const trpc = useTRPC();
  const timeZone = useTimeZone();
  const [range, setRange] = useState<RangeValue>({ range: "7d" });
  const [channel, setChannel] = useState<ChannelField>("source");
  const filters = { ...range, channel, timeZone: timeZone ?? "UTC", ...(linkId ? { linkId } : {}) };
  const query = useQuery({
    ...trpc.attribution.analytics.queryOptions({ workspaceId, ...filters }),
    enabled: timeZone !== null,
    // The figures stay on screen while another range loads.
    placeholderData: keepPreviousData,
  });
  const field = query.isError ? errorField(query.error) : null;
  const rangeError =
    query.isError && (field === "from" || field === "to")
      ? { field: field as "from" | "to", message: errorMessage(query.error) }
      : null;

  if (query.isError && !rangeError) {
    return (
      <div className="space-y-3">
        <Alert>
          {errorMessage(query.error)}{" "}
          <Button variant="ghost" onClick={() => query.refetch()}>
            Retry
          </Button>
        </Alert>
        <Link href={`/${slug}/links`} className="text-sm font-medium text-brand-700 underline">
          Back to your links
        </Link>
      </div>
    );
  }

  const data = query.data;
  return (
    <div className="space-y-5">
      {linkId && data?.link && <LinkHeading link={data.link} />}
      {readOnlyReason && (
        <Alert tone="warning">
          {readOnlyReason} Meanwhile diversion links answer “not found” and record no clicks; the figures below are kept.
        </Alert>
      )}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <RangePicker value={range} onChange={setRange} serverError={rangeError} />
        <div className="flex items-center gap-3">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            Group channels by
            <select
              value={channel}
              onChange={(e) => setChannel(e.target.value as ChannelField)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              {(Object.keys(CHANNEL_FIELDS) as ChannelField[]).map((key) => (
                <option key={key} value={key}>
                  {CHANNEL_LABELS[key]} ({CHANNEL_FIELDS[key]})
                </option>
              ))}
            </select>
          </label>
          {data && (
            <a
              href={`/api/links/export?${exportQuery(workspaceId, filters)}`}
              download
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Export CSV
            </a>
          )}
        </div>
      </div>

      {!data ? (
        <div aria-busy="true" aria-label="Loading analytics" className="space-y-3">
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {Array.from({ length: 5 }, (_, i) => (
              <div key={i} className="h-20 animate-pulse rounded-lg border border-slate-200 bg-white" />
            ))}
          </div>
          <div className="h-64 animate-pulse rounded-lg border border-slate-200 bg-white" />
        </div>
      ) : (
        <Figures data={data} slug={slug} linkId={linkId} channel={channel} refreshing={query.isPlaceholderData} />
      )}
    </div>
  );
}

function LinkHeading({ link }: { link: NonNullable<LinkAnalytics["link"]> }) {
  const defaults = [link.utmSource, link.utmMedium, link.utmCampaign].filter(Boolean).join(" / ");
  return (
    <div>
      <h2 className="text-lg font-semibold text-slate-900">
        {link.name}
        {link.deleted ? (
          <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">Deleted</span>
        ) : link.paused ? (
          <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">Paused</span>
        ) : null}
      </h2>
      <p className="text-sm text-slate-600">
        /l/{link.code} · {link.projectName}
        {defaults && ` · defaults ${defaults}`}
      </p>
    </div>
  );
}

function Figures({
  data,
  slug,
  linkId,
  channel,
  refreshing,
}: {
  data: LinkAnalytics;
  slug: string;
  linkId: string | null;
  channel: ChannelField;
  refreshing: boolean;
}) {
  const noLinks = !linkId && data.links.length === 0;
  const stats = [
    ["Clicks", count(data.totals.clicks)],
    ["Unique visitors", count(data.totals.uniques)],
    ["Starts", count(data.totals.starts)],
    ["Sessions", count(data.totals.sessions)],
    ["Conversion", rate(data.totals.conversionRate)],
  ] as const;

  if (noLinks) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white px-5 py-10 text-center text-sm text-slate-600">
        <p className="font-medium text-slate-900">No diversion links yet.</p>
        <p className="mt-1">
          Create a link in{" "}
          <Link href={`/${slug}/links`} className="font-medium text-brand-700 underline">
            Links
          </Link>
          , put it in your ads, posts and emails, and every click and Start will show up here by link and channel.
        </p>
      </div>
    );
  }

  return (
    <div className={`space-y-5 ${refreshing ? "opacity-60 transition-opacity" : ""}`} aria-busy={refreshing || undefined}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Totals">
        {stats.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <dt className="text-xs font-medium text-slate-500">{label}</dt>
            <dd
              className="mt-1 text-2xl font-semibold tabular-nums text-slate-900"
              data-testid={`total-${label.toLowerCase().replace(/ /g, "-")}`}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500">
        Figures count the clicks made in this range and what they led to. Unique visitors leave out bots and link previewers;
        conversion is Starts ÷ unique visitors.
      </p>

      {data.totals.clicks === 0 && (
        <Alert tone="info">
          No clicks in this range. Choose a longer range, or share {linkId ? "this link" : "your links"} — each click appears here
          within seconds.
        </Alert>
      )}

      <SeriesChart series={data.series} unit={data.range.bucket} timeZone={data.range.timeZone} />

      {!linkId && (
        <FiguresTable
          title="Links"
          keyLabel="Link"
          empty="No links."
          rows={data.links.map((link) => ({
            key: link.id,
            label: (
              <Link href={`/${slug}/links/${link.id}`} className="text-brand-700 hover:underline">
                {link.name}
                <span className="ml-2 text-xs font-normal text-slate-500">/l/{link.code}</span>
                {link.deleted ? (
                  <span className="ml-2 text-xs font-normal text-slate-500">deleted</span>
                ) : link.paused ? (
                  <span className="ml-2 text-xs font-normal text-amber-700">paused</span>
                ) : null}
              </Link>
            ),
            figures: link,
          }))}
        />
      )}

      <FiguresTable
        title={`Channels by ${CHANNEL_LABELS[channel].toLowerCase()}`}
        keyLabel={`${CHANNEL_LABELS[channel]} (${CHANNEL_FIELDS[channel]})`}
        empty={`No clicks in this range, so no channels to compare yet.`}
        rows={breakdownRows(data.channels, `no ${CHANNEL_FIELDS[channel]}`)}
      />

      <div className="grid gap-5 xl:grid-cols-2">
        <FiguresTable
          title="By source"
          keyLabel="utm_source"
          empty="No clicks."
          rows={breakdownRows(data.sources, "no utm_source")}
        />
        <FiguresTable title="By device" keyLabel="Device" empty="No clicks." rows={breakdownRows(data.devices, "unknown")} />
        <FiguresTable
          title="By referrer"
          keyLabel="Referrer"
          empty="No clicks."
          rows={breakdownRows(data.referrers, "direct or hidden")}
        />
      </div>
    </div>
  );
}

import { csvLine } from "@/lib/csv";
import { CHANNEL_FIELDS, type ChannelField } from "./analytics-filters";
import type { Figures, LinkAnalytics } from "./analytics";

const HEADER = ["Breakdown", "Value", "Clicks", "Unique visitors", "Starts", "Sessions", "Conversion rate (%)"];

function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

function figures(f: Figures): (number | null)[] {
  return [f.clicks, f.uniques, f.starts, f.sessions, percent(f.conversionRate)];
}

/**
 * What the analytics page shows, as one CSV table: the totals, per link, per channel, the breakdowns
 * and the time series, one section after another (the first column names the section).
 */
export function analyticsCsv(data: LinkAnalytics, channel: ChannelField): string {
  const lines = [csvLine(HEADER)];
  const range = `${data.range.from.toISOString()} – ${data.range.to.toISOString()}`;
  lines.push(
    csvLine([
      "Total",
      data.link ? `${data.link.name} (${data.link.code}), ${range}` : `All links, ${range}`,
      ...figures(data.totals),
    ]),
  );
  for (const link of data.links) {
    const state = link.deleted ? ", deleted" : link.paused ? ", paused" : "";
    lines.push(csvLine(["Link", `${link.name} (${link.code})${state}`, ...figures(link)]));
  }
  const sections: [string, LinkAnalytics["channels"], string][] = [
    [`Channel (${CHANNEL_FIELDS[channel]})`, data.channels, "(none)"],
    ["Source (utm_source)", data.sources, "(none)"],
    ["Device", data.devices, "(unknown)"],
    ["Referrer", data.referrers, "(direct or hidden)"],
  ];
  for (const [name, rows, none] of sections) {
    for (const row of rows) lines.push(csvLine([name, row.value ?? none, ...figures(row)]));
  }
  const bucket = data.range.bucket === "hour" ? `Hour (${data.range.timeZone})` : `Day (${data.range.timeZone})`;
  for (const point of data.series)
    lines.push(csvLine([bucket, point.bucket, point.clicks, point.uniques, point.starts, null, null]));
  // Excel needs the byte-order mark to read UTF-8; csvLine ends each line with CRLF as RFC 4180 says.
  return `\uFEFF${lines.join("")}`;
}

/** A file name for the export: the link's code (or "all-links") and the range's days. */
export function analyticsFileName(data: LinkAnalytics): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const subject = data.link ? data.link.code.replace(/[^A-Za-z0-9_-]/g, "_") : "all-links";
  return `deskgram-${subject}-${day(data.range.from)}-to-${day(data.range.to)}.csv`;
}

import { z } from "zod";

// Only zod and plain helpers here: the console builds its filters and the export URL from these.

export const RANGE_PRESETS = {
  "24h": { label: "Last 24 hours", hours: 24 },
  "7d": { label: "Last 7 days", hours: 24 * 7 },
  "30d": { label: "Last 30 days", hours: 24 * 30 },
} as const;

export type RangePreset = keyof typeof RANGE_PRESETS;

/** The UTM field channels are grouped by. */
export const CHANNEL_FIELDS = {
  source: "utm_source",
  medium: "utm_medium",
  campaign: "utm_campaign",
} as const;

export type ChannelField = keyof typeof CHANNEL_FIELDS;

/** The longest custom range, in days: daily figures of a year. */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const day = (label: string) =>
  z.iso
    .date(`Choose the ${label} date.`)
    .refine((v) => v >= "2000-01-01" && v <= "2999-12-31", `Choose a ${label} date between 2000 and 2999.`);

/**
 * What the analytics page shows: a time range (preset, or whole days in the viewer's time zone), an
 * optional single link, and the UTM field that channels are grouped by.
 */
export const analyticsFiltersSchema = z
  .object({
    range: z.enum(["24h", "7d", "30d", "custom"], "Choose a time range.").default("7d"),
    /** Custom range only: first and last day, inclusive. */
    from: day("first").optional(),
    to: day("last").optional(),
    /** Days start at midnight here (custom ranges and daily figures). */
    timeZone: z.string().max(64).refine(isTimeZone, "Unknown time zone.").default("UTC"),
    linkId: z.uuid("Link not found.").optional(),
    channel: z.enum(["source", "medium", "campaign"], "Group channels by source, medium or campaign.").default("source"),
  })
  .superRefine((f, ctx) => {
    if (f.range !== "custom") return;
    if (!f.from) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose the first day of the range." });
    if (!f.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Choose the last day of the range." });
    if (!f.from || !f.to) return;
    if (f.from > f.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day must not be before the first." });
    else if (customRangeDays(f.from, f.to) > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `Choose at most ${MAX_RANGE_DAYS} days.` });
    }
  });

export type AnalyticsFilters = z.output<typeof analyticsFiltersSchema>;
export type AnalyticsFiltersInput = z.input<typeof analyticsFiltersSchema>;

/** Days in a custom range, both ends included. */
export function customRangeDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Hourly figures up to three days, daily beyond. */
export function bucketOf(filters: Pick<AnalyticsFilters, "range" | "from" | "to">): "hour" | "day" {
  if (filters.range === "custom") return customRangeDays(filters.from!, filters.to!) <= 3 ? "hour" : "day";
  return RANGE_PRESETS[filters.range].hours <= 72 ? "hour" : "day";
}

/** The query string of the CSV export for these filters (the export route parses it with the same schema). */
export function exportQuery(workspaceId: string, filters: AnalyticsFiltersInput): string {
  const params = new URLSearchParams({ workspaceId });
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") params.set(key, String(value));
  return params.toString();
}

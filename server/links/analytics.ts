import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { DomainError } from "@/server/errors";
import { LINK_NOT_FOUND } from "./link-input";
import { bucketOf, CHANNEL_FIELDS, RANGE_PRESETS, type AnalyticsFilters } from "./analytics-filters";

/** What a group of clicks led to. Conversion is Starts ÷ unique visitors (null without visitors). */
export type Figures = { clicks: number; uniques: number; starts: number; sessions: number; conversionRate: number | null };
export type Breakdown = Figures & { value: string | null };
export type LinkFigures = Figures & {
  id: string;
  name: string;
  code: string;
  projectName: string;
  paused: boolean;
  deleted: boolean;
};
export type SeriesPoint = { bucket: string; clicks: number; uniques: number; starts: number };

export type LinkAnalytics = {
  range: { from: Date; to: Date; bucket: "hour" | "day"; timeZone: string };
  /** The link the figures are limited to, or null for the whole workspace. */
  link: {
    id: string;
    name: string;
    code: string;
    projectName: string;
    paused: boolean;
    deleted: boolean;
    utmSource: string | null;
    utmMedium: string | null;
    utmCampaign: string | null;
  } | null;
  totals: Figures;
  /** Per link (whole-workspace view only): every live link, and deleted ones with clicks in the range. */
  links: LinkFigures[];
  channels: Breakdown[];
  series: SeriesPoint[];
  sources: Breakdown[];
  devices: Breakdown[];
  referrers: Breakdown[];
};

/** The longest breakdown lists (by clicks); the rest is in the CSV only when it is on the page. */
const BREAKDOWN_LIMIT = 20;

type Counts = Omit<Figures, "conversionRate">;

function withRate<T extends Counts>(row: T): T & { conversionRate: number | null } {
  const counts = {
    clicks: Number(row.clicks),
    uniques: Number(row.uniques),
    starts: Number(row.starts),
    sessions: Number(row.sessions),
  };
  return { ...row, ...counts, conversionRate: counts.uniques > 0 ? counts.starts / counts.uniques : null };
}

// Per group over `rows` (one row per click, plus one per touch carrying its session): the four counts.
const FIGURES = sql`
  count(*) filter (where is_click) as clicks,
  count(*) filter (where is_click and uniq) as uniques,
  count(*) filter (where is_click and started) as starts,
  count(distinct session_id) as sessions`;

function grouped(key: SQL, limit: number | null): SQL {
  return sql`(select coalesce(json_agg(g order by g.clicks desc, g.value nulls last), '[]'::json) from (
    select ${key} as value, ${FIGURES} from rows group by 1 order by clicks desc, 1 nulls last ${limit ? sql`limit ${limit}` : sql``}
  ) g)`;
}

function bounds(filters: AnalyticsFilters): { from: SQL; to: SQL } {
  if (filters.range === "custom") {
    const tz = sql`${filters.timeZone}::text`;
    return {
      from: sql`(${filters.from!}::date::timestamp at time zone ${tz})`,
      to: sql`((${filters.to!}::date + 1)::timestamp at time zone ${tz})`,
    };
  }
  return { from: sql`now() - make_interval(hours => ${RANGE_PRESETS[filters.range].hours}::int)`, to: sql`now()` };
}

/**
 * Link and channel analytics of one workspace (optionally one link) over a time range, in ONE
 * statement: the range's clicks are read once through the (workspace|link, clicked_at) index and every
 * figure (totals, per link, per channel, series, breakdowns) is grouped from them. Figures count the
 * clicks made in the range and what those clicks led to (Starts, sessions), whenever that happened.
 */
export async function linkAnalytics(db: Database, workspaceId: string, filters: AnalyticsFilters): Promise<LinkAnalytics> {
  const ws = sql`${workspaceId}::uuid`;
  const link = filters.linkId ? sql`${filters.linkId}::uuid` : null;
  const { from, to } = bounds(filters);
  const bucket = bucketOf(filters);
  const tz = sql`${filters.timeZone}::text`;
  const unit = sql`${bucket}::text`;
  const step = sql`${bucket === "hour" ? "1 hour" : "1 day"}::interval`;
  const channel = sql.raw(CHANNEL_FIELDS[filters.channel]);

  const [row] = await db.execute<{
    range_from: Date | string;
    range_to: Date | string;
    link: LinkAnalytics["link"];
    totals: Counts;
    links: (Counts & Omit<LinkFigures, keyof Figures>)[];
    channels: (Counts & { value: string | null })[];
    series: SeriesPoint[];
    sources: (Counts & { value: string | null })[];
    devices: (Counts & { value: string | null })[];
    referrers: (Counts & { value: string | null })[];
  }>(sql`
    with bounds as (select ${from} as t0, ${to} as t1),
    base as materialized (
      select k.id, k.link_id, k.clicked_at, k.is_unique and not k.is_bot as uniq, k.started_at is not null as started,
             k.utm_source, k.utm_medium, k.utm_campaign, k.device, k.referrer_host
      from link_clicks k, bounds
      where k.workspace_id = ${ws} ${link ? sql`and k.link_id = ${link}` : sql``}
        and k.clicked_at >= bounds.t0 and k.clicked_at < bounds.t1
    ),
    rows as materialized (
      select base.*, null::uuid as session_id, true as is_click from base
      union all
      select base.*, t.session_id, false from attribution_touches t
      join base on base.id = t.click_id
      where t.link_id in (select distinct link_id from base) and t.at >= (select t0 from bounds) and t.session_id is not null
    )
    select
      (select t0 from bounds) as range_from,
      (select t1 from bounds) as range_to,
      ${
        link
          ? sql`(select json_build_object('id', l.id, 'name', l.name, 'code', l.code, 'projectName', p.name,
                  'paused', l.paused_at is not null, 'deleted', l.deleted_at is not null,
                  'utmSource', l.utm_source, 'utmMedium', l.utm_medium, 'utmCampaign', l.utm_campaign)
                from links l join projects p on p.id = l.project_id where l.id = ${link} and l.workspace_id = ${ws})`
          : sql`null::json`
      } as link,
      (select row_to_json(t) from (select ${FIGURES} from rows) t) as totals,
      ${
        link
          ? sql`'[]'::json`
          : sql`(select coalesce(json_agg(json_build_object(
                'id', l.id, 'name', l.name, 'code', l.code, 'projectName', p.name,
                'paused', l.paused_at is not null, 'deleted', l.deleted_at is not null,
                'clicks', coalesce(f.clicks, 0), 'uniques', coalesce(f.uniques, 0),
                'starts', coalesce(f.starts, 0), 'sessions', coalesce(f.sessions, 0)
              ) order by coalesce(f.clicks, 0) desc, l.created_at desc), '[]'::json)
              from links l
              join projects p on p.id = l.project_id
              left join (select link_id, ${FIGURES} from rows group by link_id) f on f.link_id = l.id
              where l.workspace_id = ${ws} and (l.deleted_at is null or f.link_id is not null))`
      } as links,
      ${grouped(channel, null)} as channels,
      (select coalesce(json_agg(json_build_object(
                'bucket', to_char(s.b, 'YYYY-MM-DD"T"HH24:MI'),
                'clicks', coalesce(c.clicks, 0), 'uniques', coalesce(c.uniques, 0), 'starts', coalesce(c.starts, 0)
              ) order by s.b), '[]'::json)
       from generate_series(
              date_trunc(${unit}, (select t0 from bounds) at time zone ${tz}),
              (select t1 from bounds) at time zone ${tz} - interval '1 microsecond',
              ${step}
            ) as s(b)
       left join (
         select date_trunc(${unit}, clicked_at at time zone ${tz}) as b, count(*) as clicks,
                count(*) filter (where uniq) as uniques, count(*) filter (where started) as starts
         from base group by 1
       ) c on c.b = s.b) as series,
      ${grouped(sql`utm_source`, BREAKDOWN_LIMIT)} as sources,
      ${grouped(sql`device`, BREAKDOWN_LIMIT)} as devices,
      ${grouped(sql`referrer_host`, BREAKDOWN_LIMIT)} as referrers
  `);
  if (!row) throw new Error("The analytics statement returned no row");
  if (link && !row.link) throw new DomainError("not_found", LINK_NOT_FOUND);

  return {
    range: { from: new Date(row.range_from), to: new Date(row.range_to), bucket, timeZone: filters.timeZone },
    link: row.link,
    totals: withRate(row.totals),
    links: row.links.map(withRate),
    channels: row.channels.map(withRate),
    series: row.series,
    sources: row.sources.map(withRate),
    devices: row.devices.map(withRate),
    referrers: row.referrers.map(withRate),
  };
}

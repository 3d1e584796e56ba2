import { createHash } from "node:crypto";
import { isbot } from "isbot";
import { UAParser } from "ua-parser-js";
import type { UtmField } from "./link-input";

/** What the redirect captures on the request path; everything else is worked out when the click is stored. */
export type CapturedClick = {
  payload: string;
  linkId: string;
  workspaceId: string;
  projectId: string;
  /** The link's default UTM values at the time of the click. */
  defaults: Record<UtmField, string | null>;
  clickedAt: number;
  /** The request's URL (only its query is read). */
  url: string;
  userAgent: string | null;
  referrer: string | null;
  ip: string | null;
};

/** One link_clicks row, ready to insert (is_unique is decided by the insert itself). */
export type ClickRow = Record<UtmField, string | null> & {
  payload: string;
  linkId: string;
  projectId: string;
  clickedAt: string;
  ip: string | null;
  userAgent: string | null;
  browser: string | null;
  os: string | null;
  device: string;
  isBot: boolean;
  referrer: string | null;
  referrerHost: string | null;
  query: Record<string, string>;
  visitorKey: string;
};

const UTM_PARAMS: Record<string, UtmField> = {
  utm_source: "utmSource",
  utm_medium: "utmMedium",
  utm_campaign: "utmCampaign",
  utm_term: "utmTerm",
  utm_content: "utmContent",
};
export const MAX_QUERY_KEYS = 50;
export const MAX_QUERY_VALUE = 500;
const MAX_QUERY_KEY = 100;
export const MAX_UTM_VALUE = 200;
const MAX_USER_AGENT = 1000;
const MAX_REFERRER = 2000;

// NUL and unpaired surrogates: PostgreSQL refuses the first in text and jsonb, the second in UTF-8.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cut to `max` UTF-16 units (never more characters than a varchar(max) holds), then made storable. */
export function storable(value: string, max: number): string {
  return (value.length > max ? value.slice(0, max) : value).replace(UNSTORABLE, "");
}

const optional = (value: string | null, max: number) => {
  if (value === null) return null;
  const clean = storable(value, max);
  return clean === "" ? null : clean;
};

/**
 * The click's UTM values (query over the link's defaults, each cut to 200) and its other query
 * parameters (at most 50 keys, values cut to 500; a repeated key keeps its first value).
 */
export function splitQuery(url: string, defaults: Record<UtmField, string | null>) {
  const utm: Record<UtmField, string | null> = { ...defaults };
  const query: Record<string, string> = {};
  let keys = 0;
  const search = url.indexOf("?");
  if (search < 0) return { utm, query };
  const seenUtm = new Set<UtmField>();
  for (const [rawKey, rawValue] of new URLSearchParams(url.slice(search + 1))) {
    const field = UTM_PARAMS[rawKey.toLowerCase()];
    if (field) {
      const value = storable(rawValue.trim(), MAX_UTM_VALUE);
      if (value !== "" && !seenUtm.has(field)) {
        utm[field] = value;
        seenUtm.add(field);
      }
      continue;
    }
    const key = storable(rawKey, MAX_QUERY_KEY);
    if (key === "" || Object.hasOwn(query, key) || keys >= MAX_QUERY_KEYS) continue;
    query[key] = storable(rawValue, MAX_QUERY_VALUE);
    keys++;
  }
  return { utm, query };
}

type Agent = { browser: string | null; os: string | null; device: string; isBot: boolean };

// Parsing a User-Agent costs ~0.1 ms and the same few strings come again and again.
const agents = new Map<string, Agent>();
const MAX_AGENTS = 5_000;

/** Browser, OS and device of a User-Agent; crawlers and link previewers (and no User-Agent at all) are bots. */
export function describeAgent(userAgent: string | null): Agent {
  const ua = userAgent ?? "";
  const cached = agents.get(ua);
  if (cached) return cached;
  let agent: Agent;
  if (ua === "" || isbot(ua)) {
    agent = { browser: null, os: null, device: "bot", isBot: true };
  } else {
    const parsed = UAParser(ua);
    const type = parsed.device.type;
    const os = parsed.os.name ?? null;
    // No device type means a desktop browser, as long as the OS was recognised.
    const device = type === "mobile" || type === "tablet" ? type : type === undefined && os ? "desktop" : "other";
    agent = {
      browser: optional(parsed.browser.name ?? null, 60),
      os: optional(os, 60),
      device,
      isBot: false,
    };
  }
  if (agents.size >= MAX_AGENTS) agents.clear();
  agents.set(ua, agent);
  return agent;
}

/** The referrer and its host; a referrer that is not a URL is kept as given, without a host. */
export function describeReferrer(referrer: string | null): { referrer: string | null; referrerHost: string | null } {
  const value = optional(referrer?.trim() ?? null, MAX_REFERRER);
  if (!value) return { referrer: null, referrerHost: null };
  try {
    const host = new URL(value).hostname;
    return { referrer: value, referrerHost: host ? storable(host, 255) : null };
  } catch {
    return { referrer: value, referrerHost: null };
  }
}

/** The same visitor on the same link: sha256(link, IP, User-Agent). */
export function visitorKey(linkId: string, ip: string | null, userAgent: string | null): string {
  return createHash("sha256")
    .update(`${linkId}\n${ip ?? ""}\n${userAgent ?? ""}`)
    .digest("hex");
}

/** Everything the click row stores, from what the redirect captured. */
export function clickRow(click: CapturedClick): ClickRow {
  const { utm, query } = splitQuery(click.url, click.defaults);
  const userAgent = optional(click.userAgent, MAX_USER_AGENT);
  const agent = describeAgent(userAgent);
  const ip = optional(click.ip, 64);
  return {
    payload: click.payload,
    linkId: click.linkId,
    projectId: click.projectId,
    clickedAt: new Date(click.clickedAt).toISOString(),
    ip,
    userAgent,
    ...agent,
    ...describeReferrer(click.referrer),
    ...utm,
    query,
    visitorKey: visitorKey(click.linkId, ip, userAgent),
  };
}

import { isIP } from "node:net";
import { clientIp } from "@/lib/client-ip";
import type { PlainAnswer } from "@/lib/http/node-answer";
import type { CapturedClick } from "./click-details";
import { clickRecorder, type ClickRecorder } from "./click-recorder";
import { newClickPayload } from "./link-code";
import { LINK_CODE_PATTERN } from "./link-input";
import { linkResolver, unavailableReason, type LinkResolver } from "./resolve-link";

export type RedirectDeps = {
  resolver?: LinkResolver;
  recorder?: ClickRecorder;
  /** Keeps work alive after the response (Next.js `after`); the click is queued either way. */
  defer?: (task: Promise<unknown>) => void;
  now?: () => number;
  log?: (line: string) => void;
};

// Telegram usernames: 5–32 of [A-Za-z0-9_]. Anything else never becomes a Location.
const BOT_USERNAME = /^[A-Za-z0-9_]{5,32}$/;

// The same page whatever the reason: nothing tells a prober whether a code exists.
const NOT_FOUND_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>' +
  "<body><h1>Not found</h1><p>There is nothing at this address.</p></body></html>";

/** A visit of a link as the redirect needs it: a Web `Request` or the Node server's request (serve-link-redirect.ts). */
export type LinkVisit = { url: string; headers: { get(name: string): string | null } };

/** The answer to a visit, written by whichever server received it. */
export type LinkAnswer = PlainAnswer;

function page(status: number, body: string): LinkAnswer {
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-robots-tag": "noindex" },
    body,
  };
}

const notFound = () => page(404, NOT_FOUND_PAGE);

/** The visitor's IP by the app's one rule (`clientIp`), as a plain address, or null when it is not one. */
export function visitorIp(headers: LinkVisit["headers"]): string | null {
  let ip = clientIp(headers);
  if (ip.startsWith("::ffff:")) ip = ip.slice(7);
  return isIP(ip) ? ip : null;
}

/** GET /l/{code} as a Web `Response` (the Next.js route; see `answerLinkVisit`). */
export async function redirectLink(request: Request, code: string, deps: RedirectDeps = {}): Promise<Response> {
  const answer = await answerLinkVisit(request, code, deps);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * GET /l/{code} (and /{code} on the short host): 302 to `https://t.me/<the link's own bot>?start=<payload>`,
 * where the payload is new for every click and identifies it; a plain 404 page for anything that
 * must not redirect. The click is queued before answering and stored after, in batches.
 */
export async function answerLinkVisit(request: LinkVisit, code: string, deps: RedirectDeps = {}): Promise<LinkAnswer> {
  if (!LINK_CODE_PATTERN.test(code)) return notFound();
  const now = deps.now?.() ?? Date.now();
  let link;
  try {
    link = await (deps.resolver ?? linkResolver()).resolve(code);
  } catch (error) {
    (deps.log ?? console.error)(
      `[links] lookup of a link failed, answering 503: ${error instanceof Error ? error.message : String(error)}`,
    );
    return page(503, "<!doctype html><title>Try again</title><p>Try again in a moment.</p>");
  }
  if (!link || unavailableReason(link, now) || !BOT_USERNAME.test(link.botUsername ?? "")) return notFound();

  const payload = newClickPayload();
  const headers = request.headers;
  const click: CapturedClick = {
    payload,
    linkId: link.id,
    workspaceId: link.workspaceId,
    projectId: link.projectId,
    defaults: {
      utmSource: link.utmSource,
      utmMedium: link.utmMedium,
      utmCampaign: link.utmCampaign,
      utmTerm: link.utmTerm,
      utmContent: link.utmContent,
    },
    clickedAt: now,
    url: request.url,
    userAgent: headers.get("user-agent"),
    referrer: headers.get("referer"),
    ip: visitorIp(headers),
  };
  const stored = (deps.recorder ?? clickRecorder()).record(click);
  deps.defer?.(stored);
  return {
    status: 302,
    headers: { location: `https://t.me/${link.botUsername}?start=${payload}`, "cache-control": "no-store" },
    body: null,
  };
}

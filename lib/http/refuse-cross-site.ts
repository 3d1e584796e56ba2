/** Methods that change nothing; every other method is checked. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Sec-Fetch-Site values a browser sends for our own pages (`none`: typed or bookmarked by the user). */
const OWN_FETCH_SITES = new Set(["same-origin", "none"]);

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * The origins this request may come from: the public APP_URL (the one a proxy serves), and the
 * scheme and Host it reached us with (direct access under another name, e.g. 127.0.0.1 for localhost).
 * Forwarded-host headers are not read: behind a proxy APP_URL is the public address.
 */
function ownOrigins(request: Request, appUrl: string): Set<string> {
  const url = new URL(request.url);
  const direct = originOf(`${url.protocol}//${request.headers.get("host") ?? url.host}`);
  return new Set([originOf(appUrl), direct].filter((o): o is string => o !== null));
}

/** Why a state-changing request must be refused as cross-site, or null when it may proceed. */
export function crossSiteReason(request: Request, appUrl: string): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && !OWN_FETCH_SITES.has(fetchSite.trim().toLowerCase())) {
    return `Sec-Fetch-Site is "${fetchSite}", and changes are only accepted from Deskgram's own pages.`;
  }
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const parsed = originOf(origin);
    if (parsed === null || !ownOrigins(request, appUrl).has(parsed)) {
      return `Origin ${origin} is not this site, and changes are only accepted from Deskgram's own pages.`;
    }
  }
  // Neither header: not a browser (curl, server to server), since browsers send one on every cross-site write.
  return null;
}

/**
 * A 403 for a cross-site write, or null: cookies must not let another site act for the signed-in
 * person, whatever SameSite defaults a browser applies.
 */
export function refuseCrossSite(request: Request, appUrl: string): Response | null {
  const reason = crossSiteReason(request, appUrl);
  return reason === null ? null : Response.json({ error: `Cross-site request refused. ${reason}` }, { status: 403 });
}

import { NextResponse, type NextRequest } from "next/server";

/**
 * The short host (SHORT_LINK_HOST): `https://<host>/{code}` is served by the diversion link route
 * `/l/{code}`. The matcher keeps this off every path that cannot be a code, so the console and the
 * API never pass through here, and on the app's own host it does nothing.
 */
export function proxy(request: NextRequest) {
  const shortHost = process.env.SHORT_LINK_HOST?.toLowerCase();
  if (!shortHost) return NextResponse.next();
  const host = (request.headers.get("host") ?? "").toLowerCase();
  // SHORT_LINK_HOST without a port matches that host on any port (behind a proxy the port varies).
  if (host !== shortHost && (shortHost.includes(":") || host.replace(/:\d+$/, "") !== shortHost)) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = `/l${url.pathname}`;
  return NextResponse.rewrite(url);
}

export const config = {
  matcher: ["/:code([A-Za-z0-9_-]{3,48})"],
};

import { NextResponse, type NextRequest } from "next/server";
import { isShortHost } from "@/server/links/short-host";

/**
 * The short host (SHORT_LINK_HOST): `https://<host>/{code}` is served by the diversion link route
 * `/l/{code}`. The matcher keeps this off every path that cannot be a code, so the console and the
 * API never pass through here, and on the app's own host it does nothing.
 */
export function proxy(request: NextRequest) {
  if (!isShortHost(request.headers.get("host"), process.env.SHORT_LINK_HOST)) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = `/l${url.pathname}`;
  return NextResponse.rewrite(url);
}

export const config = {
  matcher: ["/:code([A-Za-z0-9_-]{3,48})"],
};

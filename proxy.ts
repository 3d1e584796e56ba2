import { NextResponse, type NextRequest } from "next/server";
import { pagePolicy } from "@/lib/http/content-security-policy";
import { isShortHost } from "@/server/links/short-host";

const SHORT_CODE = /^\/[A-Za-z0-9_-]{3,48}$/;

/**
 * Two jobs before a page renders. On the short host (SHORT_LINK_HOST), `https://<host>/{code}` is
 * served by the diversion link route `/l/{code}`. Every other page gets a fresh nonce and its
 * Content-Security-Policy: Next.js reads the policy from the request and puts the nonce on its scripts.
 */
export function proxy(request: NextRequest) {
  if (SHORT_CODE.test(request.nextUrl.pathname) && isShortHost(request.headers.get("host"), process.env.SHORT_LINK_HOST)) {
    const url = request.nextUrl.clone();
    url.pathname = `/l${url.pathname}`;
    return NextResponse.rewrite(url);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pagePolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: (process.env.APP_URL ?? "").startsWith("https://"),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: not route handlers (api/, l/), build assets or prefetches, which carry no scripts of their own.
  matcher: [
    {
      source: "/((?!api/|l/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

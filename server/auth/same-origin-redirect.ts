import { safeReturnPath } from "@/lib/http/safe-return-path";

/** A path as it stands, or the path part of an absolute URL on `baseUrl` (next-auth's client sends full URLs). */
function pathOn(url: string, baseUrl: string): string {
  if (url.startsWith("/")) return url;
  try {
    const parsed = new URL(url);
    return parsed.origin === new URL(baseUrl).origin ? `${parsed.pathname}${parsed.search}${parsed.hash}` : "/";
  } catch {
    return "/";
  }
}

/** next-auth's `redirect` callback: only pages of this origin, anything else lands on its home page. */
export function sameOriginRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return new URL(safeReturnPath(pathOn(url, baseUrl), baseUrl), baseUrl).href;
}

import { env } from "@/lib/env";

/** Where a link is shared: `https://<SHORT_LINK_HOST>/{code}` when a short host is set, else `<APP_URL>/l/{code}`. */
export function shortLinkUrl(code: string): string {
  const { SHORT_LINK_HOST, APP_URL } = env();
  const app = new URL(APP_URL);
  if (SHORT_LINK_HOST) return `${app.protocol}//${SHORT_LINK_HOST}/${code}`;
  return `${app.origin}${app.pathname.replace(/\/$/, "")}/l/${code}`;
}

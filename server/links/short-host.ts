/**
 * Whether a request's Host is SHORT_LINK_HOST, where `https://<host>/{code}` serves the link `/l/{code}`.
 * A SHORT_LINK_HOST without a port matches that host on any port (behind a proxy the port varies).
 */
export function isShortHost(host: string | null | undefined, shortHost: string | undefined): boolean {
  if (!shortHost || !host) return false;
  const wanted = shortHost.toLowerCase();
  const given = host.toLowerCase();
  if (given === wanted) return true;
  return !wanted.includes(":") && given.replace(/:\d+$/, "") === wanted;
}

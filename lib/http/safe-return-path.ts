/** C0 controls, DEL and C1 controls: browsers strip or mangle them, so a path holding one is never followed. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** Two leading slashes in either direction: browsers read `//host` and `/\host` as another site. */
const NETWORK_PATH = /^[/\\]{2}/;

/**
 * Where to send someone back to after signing in: the path (with query and hash) of `value` when it
 * is a path on `origin`, else "/". The WHATWG URL parser decides, as the browser will, so backslashes,
 * stripped tabs and newlines, and `..` tricks cannot smuggle in another host.
 */
export function safeReturnPath(value: unknown, origin: string): string {
  if (typeof value !== "string" || CONTROL_CHARACTER.test(value)) return "/";
  if (!value.startsWith("/") || NETWORK_PATH.test(value)) return "/";
  let base: URL;
  let parsed: URL;
  try {
    base = new URL(origin);
    parsed = new URL(value, base);
  } catch {
    return "/";
  }
  if (parsed.origin !== base.origin) return "/";
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // `/.//host` and `/a/..//host` normalise to `//host`, which a router would take for another site.
  return NETWORK_PATH.test(path) ? "/" : path;
}

import { env } from "./env";

/** Set by server/runtime/serve.ts from the TCP socket, after dropping any value a client sent. */
export const SOCKET_IP_HEADER = "x-deskgram-client-ip";

/** Stamps the socket's address on an incoming request, replacing whatever a client put in that header. */
export function stampSocketIp(req: {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string };
}) {
  req.headers[SOCKET_IP_HEADER] = req.socket.remoteAddress ?? "unknown";
}

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function")
    return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's IP: the first entry of TRUSTED_PROXY_HEADER when configured (e.g. cf-connecting-ip), else
 * the proxy's X-Forwarded-For when TRUST_PROXY says a proxy sets it, else the socket's. One rule for
 * rate limits and diversion-link clicks alike.
 */
export function clientIp(headers: HeaderSource): string {
  const trusted = env().TRUSTED_PROXY_HEADER;
  const fromHeader = trusted ? read(headers, trusted)?.split(",")[0]?.trim() : undefined;
  if (fromHeader) return fromHeader;
  if (env().TRUST_PROXY) {
    const forwarded = read(headers, "x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return read(headers, SOCKET_IP_HEADER) ?? "unknown";
}

import { NON_PAGE_POLICY } from "./content-security-policy";

/** Sent with every response: by Next.js (next.config.ts) and by the few answers the Node server gives itself. */
export const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** Answers that are not pages (route handlers, files, redirects) also forbid running anything; pages get theirs from proxy.ts. */
export const NON_PAGE_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  ...SECURITY_HEADERS,
  { key: "Content-Security-Policy", value: NON_PAGE_POLICY },
];

/**
 * The Content-Security-Policy of console pages: scripts only from this origin and with the
 * request's nonce (Next.js puts it on its own scripts; 'strict-dynamic' lets them load their
 * chunks), no plugins, no framing, forms and fetches only to this origin. Inline style attributes
 * stay allowed (React and the charts set them); inline scripts never are.
 */
export function pagePolicy({ nonce, dev, https }: { nonce: string; dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build reconstructs server errors with eval; production never uses it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only where the console is served over HTTPS: on http://localhost it would break every request.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Answers that are not pages (JSON, files, redirects): nothing in them may run or be framed, even if opened directly. */
export const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

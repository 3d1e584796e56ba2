import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/lib/env";
import { nodeHeaders, writeAnswer, writeFailure } from "@/lib/http/node-answer";
import { answerLinkVisit, type RedirectDeps } from "./redirect-link";
import { isShortHost } from "./short-host";

// `/l/{code}` on any host; `/{code}` on the short host. The code's own rules are checked by the redirect.
const LINK_PATH = /^\/l\/([^/?#]+)(?:\?|$)/;
const SHORT_PATH = /^\/([A-Za-z0-9_-]{3,48})(?:\?|$)/;

/** The link code a request visits, or null when it is not a diversion-link visit (Next.js serves it then). */
export function linkCodeOf(
  req: Pick<IncomingMessage, "method" | "url" | "headers">,
  shortHost: string | undefined = env().SHORT_LINK_HOST,
): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "";
  const code = LINK_PATH.exec(url)?.[1] ?? (isShortHost(req.headers.host, shortHost) ? SHORT_PATH.exec(url)?.[1] : null);
  return code ?? null;
}

/**
 * Answers a diversion-link visit straight from the Node server, without Next.js's routing and
 * rendering (server/runtime/direct-routes.ts). The same `answerLinkVisit` serves
 * `app/l/[code]/route.ts` where Deskgram runs without this server. The click is queued before the
 * answer is written and stored after, whether or not the visitor stays connected.
 */
export async function serveLinkRedirect(
  req: IncomingMessage,
  res: ServerResponse,
  code: string,
  deps: RedirectDeps = {},
): Promise<void> {
  const head = req.method === "HEAD";
  try {
    writeAnswer(res, await answerLinkVisit({ url: req.url ?? "/", headers: nodeHeaders(req) }, code, deps), { head });
  } catch (error) {
    (deps.log ?? console.error)(
      `[links] answering a link visit failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    writeFailure(res, head);
  }
}

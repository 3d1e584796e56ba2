import type { IncomingMessage, ServerResponse } from "node:http";
import { NON_PAGE_HEADERS } from "./security-headers";

/** An answer a handler gives without depending on Web `Response`, written by whichever server received the request. */
export type PlainAnswer = { status: number; headers: Record<string, string>; body: string | null };

const SECURITY = Object.fromEntries(NON_PAGE_HEADERS.map(({ key, value }) => [key, value]));

/** A node:http request's headers as `Headers.get` reads them. */
export function nodeHeaders(req: IncomingMessage): { get(name: string): string | null } {
  return {
    get(name: string): string | null {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
}

/** Writes `answer` with the security headers every response carries (see next.config.ts); no body for HEAD. */
export function writeAnswer(res: ServerResponse, answer: PlainAnswer, options: { head?: boolean } = {}) {
  res.writeHead(answer.status, { ...SECURITY, ...answer.headers });
  res.end(options.head ? undefined : (answer.body ?? undefined));
}

/** Answers 500 for a handler that threw, or drops the connection when its answer had begun. */
export function writeFailure(res: ServerResponse, head = false) {
  if (res.headersSent) return void res.destroy();
  writeAnswer(
    res,
    { status: 500, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Something went wrong." },
    { head },
  );
}

import { createHash, timingSafeEqual } from "node:crypto";
import type { Database } from "@/db/client";
import type { Kv } from "@/lib/kv/types";
import { sweepOnce, type SweepResult } from "./sweeper";

type Deps = {
  db: Database;
  kv: Kv;
  /** CRON_SECRET; unset means the route does not exist. */
  secret: string | undefined;
  /** The sweep to run (tests scope it to their own workspaces). */
  sweep?: (db: Database, kv: Kv) => Promise<SweepResult>;
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });

/** Hashing first gives equal lengths, so the comparison takes the same time whatever was sent. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `GET|POST /api/cron/sweep` with `Authorization: Bearer <CRON_SECRET>`: one sweeper tick for hosting
 * without a long-running server (a scheduler calls it every few seconds or minutes). It takes the same
 * lock as the in-server sweeper, so the two never sweep at once.
 */
export async function handleCronSweep(request: Request, { db, kv, secret, sweep = sweepOnce }: Deps): Promise<Response> {
  if (!secret) return json(404, { error: "Not found." });
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer (.+)$/i.exec(header)?.[1] ?? "";
  if (!token || !sameSecret(token, secret)) {
    return json(401, { error: "Send Authorization: Bearer <CRON_SECRET>." }, { "www-authenticate": 'Bearer realm="cron"' });
  }
  const result = await sweep(db, kv);
  return json(200, result.ran ? result : { ...result, note: "Another sweeper is running; nothing to do this time." });
}

import { sql } from "drizzle-orm";
import { database } from "@/db/client";
import { kv } from "@/lib/kv";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and for the e2e harness: database and KV both answer. */
export async function GET() {
  const checks = await Promise.allSettled([database().execute(sql`select 1`), kv().get("health:probe")]);
  const [db, store] = checks.map((c) => (c.status === "fulfilled" ? "ok" : "down"));
  const ok = db === "ok" && store === "ok";
  return Response.json({ ok, database: db, kv: store }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

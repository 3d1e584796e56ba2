import { database } from "@/db/client";
import { env } from "@/lib/env";
import { kv } from "@/lib/kv";
import { handleCronSweep } from "@/server/timers/cron-request";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** One sweeper tick for serverless hosting; see server/timers/cron-request.ts. */
async function sweep(request: Request) {
  return handleCronSweep(request, { db: database(), kv: kv(), secret: env().CRON_SECRET });
}

export const GET = sweep;
export const POST = sweep;

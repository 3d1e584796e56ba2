import { database } from "@/db/client";
import { currentUserId } from "@/server/auth/session";
import { exportRiskTriggers } from "@/server/risk/export-triggers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The filtered risk trigger records as CSV; see server/risk/export-triggers.ts. */
export async function GET(request: Request) {
  return exportRiskTriggers(request, { db: database(), userId: await currentUserId() });
}

import { database } from "@/db/client";
import { AGENT_STATUS_EXPORT, handleAuditExport } from "@/server/audit/export-request";
import { currentUserId } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The filtered agent status changes as CSV; see server/audit/export-request.ts. */
export async function GET(request: Request) {
  return handleAuditExport(request, AGENT_STATUS_EXPORT, { db: database(), userId: await currentUserId() });
}

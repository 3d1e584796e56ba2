import { database } from "@/db/client";
import { handleAuditExport, SESSION_LOG_EXPORT } from "@/server/audit/export-request";
import { currentUserId } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The filtered session log as CSV; see server/audit/export-request.ts. */
export async function GET(request: Request) {
  return handleAuditExport(request, SESSION_LOG_EXPORT, { db: database(), userId: await currentUserId() });
}

import { database } from "@/db/client";
import { currentUserId } from "@/server/auth/session";
import { exportLinkAnalytics } from "@/server/links/analytics-export";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The link analytics page as CSV; see server/links/analytics-export.ts. */
export async function GET(request: Request) {
  return exportLinkAnalytics(new URL(request.url), { db: database(), userId: await currentUserId() });
}

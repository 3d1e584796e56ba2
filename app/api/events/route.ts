import { database } from "@/db/client";
import { currentViewer } from "@/server/auth/session";
import { handleEventsRequest } from "@/server/events/events-request";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Live console events (SSE) of one workspace; see server/events/events-request.ts. */
export async function GET(request: Request) {
  return handleEventsRequest(request, { db: database(), viewer: await currentViewer() });
}

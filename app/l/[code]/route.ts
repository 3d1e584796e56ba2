import { after } from "next/server";
import { redirectLink } from "@/server/links/redirect-link";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type RouteContext = { params: Promise<{ code: string }> };

/** A diversion link: records the click (after answering) and sends the visitor to the bot (server/links/redirect-link.ts). */
export async function GET(request: Request, { params }: RouteContext) {
  return redirectLink(request, (await params).code, { defer: after });
}

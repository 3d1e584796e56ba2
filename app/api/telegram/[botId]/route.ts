import { handleTelegramWebhook } from "@/server/telegram/handle-webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type RouteContext = { params: Promise<{ botId: string }> };

/** Telegram's webhook for one connected bot (server/telegram/handle-webhook.ts does the work). */
export async function POST(request: Request, { params }: RouteContext) {
  return handleTelegramWebhook(request, (await params).botId);
}

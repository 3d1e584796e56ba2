import { database } from "@/db/client";
import { currentUserId } from "@/server/auth/session";
import { downloadMessageFile } from "@/server/inbox/download-file";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** A customer's file, fetched through the project's bot; see server/inbox/download-file.ts. */
export async function GET(request: Request, { params }: { params: Promise<{ messageId: string }> }) {
  const { messageId } = await params;
  return downloadMessageFile(messageId, { db: database(), userId: await currentUserId(), signal: request.signal });
}

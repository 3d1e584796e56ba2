import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessions } from "@/db/schema";
import { conversationNotFound } from "@/server/inbox/get-conversation";
import { findRiskHits, type RiskHitView } from "./check-agent-reply";

/**
 * What the reply box shows while the agent types: the hits the draft would have, without writing
 * records. Only a hint: the server checks again when the message is sent.
 */
export async function precheckReply(
  db: Database,
  { workspaceId, userId, sessionId, text }: { workspaceId: string; userId: string; sessionId: string; text: string },
): Promise<{ hits: RiskHitView[] }> {
  const [session] = await db
    .select({ projectId: sessions.projectId })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.workspaceId, workspaceId)))
    .limit(1);
  if (!session) throw conversationNotFound();
  const hits = await findRiskHits(db, { workspaceId, projectId: session.projectId, userId, text });
  return {
    hits: hits.map(({ groupName, action, matchKind, matched, matchedText, start, end }) => ({
      groupName,
      action,
      matchKind,
      matched,
      matchedText,
      start,
      end,
    })),
  };
}

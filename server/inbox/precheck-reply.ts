import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Kv } from "@/lib/kv/types";
import { rateLimit } from "@/lib/rate-limit";
import { DomainError } from "@/server/errors";
import { findRiskHits, type RiskHitView } from "@/server/risk/check-agent-reply";
import { conversationNotFound } from "./get-conversation";

/**
 * What the reply box shows while the agent types: the hits the draft would have, without writing
 * records. Only a hint: the server checks again when the message is sent.
 */
export async function precheckReply(
  db: Database,
  kv: Kv,
  { workspaceId, userId, sessionId, text }: { workspaceId: string; userId: string; sessionId: string; text: string },
): Promise<{ hits: RiskHitView[] }> {
  const limit = await rateLimit(kv, "riskPrecheck", `${workspaceId}:${userId}`);
  if (!limit.ok) {
    throw new DomainError(
      "rate_limited",
      `Too many checks while typing. The message is still checked when you send it; try again in ${limit.retryAfterSeconds} s.`,
    );
  }
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

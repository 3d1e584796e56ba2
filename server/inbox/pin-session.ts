import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessions } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import { openSessionsOf } from "@/server/routing/assignment";
import { openableSession } from "./session-access";
import { conversationClosed } from "./session-change";

/** The agent working a session pins it to keep it at hand (Monitoring counts pinned sessions), or unpins it. */
export async function pinSession(
  db: Database,
  input: { workspaceId: string; userId: string; sessionId: string; pinned: boolean },
): Promise<void> {
  const { session } = await openableSession(db, input);
  if (session.status === "closed") throw conversationClosed();
  if (session.assignedUserId !== input.userId) {
    throw new DomainError("forbidden", "Only the agent working this conversation can pin it.");
  }
  const [changed] = await db
    .update(sessions)
    .set({ pinnedAt: input.pinned ? sql`coalesce(${sessions.pinnedAt}, now())` : null })
    .where(and(eq(sessions.id, input.sessionId), openSessionsOf(input.workspaceId, input.userId)))
    .returning({ id: sessions.id });
  // Reassigned or closed between the check and the update.
  if (!changed) throw new DomainError("conflict", "This conversation is no longer yours. Reload the inbox.");
  await publishCommitted([
    { type: "session.updated", workspaceId: input.workspaceId, sessionId: input.sessionId },
    { type: "agent.updated", workspaceId: input.workspaceId, userId: input.userId },
  ]);
}

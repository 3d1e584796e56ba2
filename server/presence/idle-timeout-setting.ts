import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { workspaces } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { listAwayReasons, type AwayReason } from "./away-reasons";
import { idleTimeoutMinutesSchema } from "./status-input";

export type AgentStatusSettings = { idleTimeoutMinutes: number; awayReasons: AwayReason[] };

/** Settings → Agent status: the idle timeout and the Away reasons agents can choose. */
export async function getAgentStatusSettings(db: Database, workspaceId: string): Promise<AgentStatusSettings> {
  const [[workspace], awayReasons] = await Promise.all([
    db.select({ idleTimeoutMinutes: workspaces.idleTimeoutMinutes }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    listAwayReasons(db, workspaceId),
  ]);
  if (!workspace) throw new DomainError("not_found", "Workspace not found.");
  return { idleTimeoutMinutes: workspace.idleTimeoutMinutes, awayReasons };
}

/**
 * Running idle deadlines keep their time; when one fires, the agent's last activity is measured
 * against the new timeout (server/presence/idle-timeout.ts), so a longer timeout applies at once.
 */
export async function setIdleTimeout(db: Database, input: { workspaceId: string; minutes: number }): Promise<number> {
  const minutes = idleTimeoutMinutesSchema.parse(input.minutes);
  await db.update(workspaces).set({ idleTimeoutMinutes: minutes }).where(eq(workspaces.id, input.workspaceId));
  return minutes;
}

import { and, inArray, lt, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import { memberships } from "@/db/schema";
import type { Kv } from "@/lib/kv/types";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { changeStatus } from "./change-status";
import { presenceKey, presenceTtlSeconds } from "./presence-keys";
import { rolesThatMay } from "@/lib/access/permission";

/**
 * Each sweeper tick: members not Offline whose console presence expired in the KV go Offline (cause "presence").
 * One query finds the candidates, one MGET checks their presence. A status set within the TTL counts as
 * presence (a heartbeat may not have come yet). Returns how many members went Offline.
 */
export async function sweepPresence(
  db: Database,
  kv: Kv,
  /** `onlyWorkspaces`: tests sweep their own workspaces, never the agents of tests running beside them. */
  options: { ttlSeconds?: number; onlyWorkspaces?: string[] } = {},
): Promise<number> {
  const ttlSeconds = options.ttlSeconds ?? presenceTtlSeconds();
  const candidates = await db
    .select({ workspaceId: memberships.workspaceId, userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        ne(memberships.status, "offline"),
        inArray(memberships.role, rolesThatMay("status.own")),
        lt(memberships.statusChangedAt, sql`now() - make_interval(secs => ${ttlSeconds}::double precision)`),
        options.onlyWorkspaces ? inArray(memberships.workspaceId, options.onlyWorkspaces) : undefined,
      ),
    );
  if (!candidates.length) return 0;

  const present = await kv.mget(candidates.map((c) => presenceKey(c.workspaceId, c.userId)));
  const gone = new Map<string, string[]>();
  candidates.forEach((c, i) => {
    if (present[i] === null) gone.set(c.workspaceId, [...(gone.get(c.workspaceId) ?? []), c.userId]);
  });

  let moved = 0;
  for (const [workspaceId, userIds] of gone) {
    try {
      const events = await db.transaction(async (tx) => {
        await lockWorkspaceRouting(tx, workspaceId);
        const emitted: BusEvent[] = [];
        for (const userId of userIds) {
          try {
            const change = await changeStatus(tx, { workspaceId, userId, to: "offline", cause: "presence" });
            emitted.push(...change.events);
          } catch (error) {
            // Removed from the workspace since the candidates were read: nothing to take offline.
            if (!(error instanceof DomainError && error.kind === "not_found")) throw error;
          }
        }
        return emitted;
      });
      moved += events.length;
      await publishCommitted(events);
    } catch (error) {
      // One workspace's failure must not keep the others' absent agents online; the next tick retries.
      console.error(
        `[presence] could not take ${userIds.length} absent member(s) of ${workspaceId} offline: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return moved;
}

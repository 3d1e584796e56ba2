import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import { memberships } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { publishCommitted } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { resolveAwayReason } from "@/server/presence/away-reasons";
import { changeStatus, type AgentStatus, type StatusCause } from "@/server/presence/change-status";
import { pushIdleDeadline } from "@/server/presence/idle-timeout";
import { applyLoadStatus, openSessionsOf } from "@/server/presence/load-status";
import {
  chosenStatus,
  FINISHED_REASON,
  hasAgentStatus,
  idleStatusChange,
  maySetStatusOf,
  mayReceiveSessions,
  type SelectableStatus,
} from "@/server/presence/status-rules";
import type { Role } from "@/server/workspaces/roles";
import { wakeRouting } from "./wake";

export type SetStatusResult = { status: AgentStatus; awayReason: string | null; statusCause: StatusCause; changed: boolean };

/**
 * A person chooses a status: their own from the header (cause "manual"), or a member's from the
 * Monitoring page (cause "admin", actor recorded). Runs under the routing lock; after commit the
 * consoles hear of it and routing drains the queue when the agent can now take sessions.
 */
export async function setAgentStatus(
  db: Database,
  input: {
    workspaceId: string;
    actor: { userId: string; role: Role };
    userId: string;
    to: SelectableStatus;
    awayReason?: string | null;
  },
): Promise<SetStatusResult> {
  const { workspaceId, actor, userId } = input;
  const self = userId === actor.userId;
  if (self && !hasAgentStatus(actor.role)) {
    throw new DomainError("forbidden", "Marketers have no agent status: they are never given sessions.");
  }

  const { result, events } = await db.transaction(async (tx) => {
    await lockWorkspaceRouting(tx, workspaceId);
    const [target] = await tx
      .select({ role: memberships.role, capacity: memberships.capacity, openSessions: openSessionsOf })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1);
    if (!target) throw new DomainError("not_found", "That person is no longer a member of this workspace.");
    if (!self && !maySetStatusOf(actor.role, target.role)) {
      throw new DomainError(
        "forbidden",
        hasAgentStatus(target.role)
          ? "You cannot change the status of someone with a higher role than yours."
          : "Marketers have no agent status.",
      );
    }

    const awayReason = input.to === "away" ? await resolveAwayReason(tx, workspaceId, input.awayReason) : null;
    const wanted = chosenStatus({ to: input.to, awayReason, cause: self ? "manual" : "admin" }, target);
    const change = await changeStatus(tx, { workspaceId, userId, ...wanted, actorUserId: self ? null : actor.userId });
    const all: BusEvent[] = [...change.events];
    let final = { status: wanted.to, awayReason: wanted.awayReason, statusCause: wanted.cause };
    // Finishing with nothing left to finish is Away right away.
    if (wanted.to === "finishing" && target.openSessions === 0) {
      all.push(...(await applyLoadStatus(tx, workspaceId, [userId])));
      final = { status: "away", awayReason: FINISHED_REASON, statusCause: "system" };
    }
    // Whoever is now expected to work starts a fresh idle clock (the heartbeat only moves it on activity).
    if (idleStatusChange(final.status)) await pushIdleDeadline(tx, workspaceId, userId);
    return { result: { ...final, changed: change.changed }, events: all };
  });

  await publishCommitted(events);
  if (result.changed && mayReceiveSessions(result.status)) await wakeRouting(db, workspaceId);
  return result;
}

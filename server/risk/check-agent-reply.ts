import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { riskTriggers, skillGroupMembers } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import { excerptAround, storedMatch } from "./excerpt";
import { projectRiskRules, type ProjectRiskRules, type RiskHit } from "./project-matcher";
import { riskCheckPool } from "./risk-check-pool";

/** A hit as the agent's console shows it. */
export type RiskHitView = Pick<RiskHit, "groupName" | "action" | "matchKind" | "matched" | "matchedText" | "start" | "end">;

/** Why a reply was not sent: blocked, or waiting for the agent to confirm (with the check to confirm or cancel). */
export type RiskStop =
  | { status: "blocked"; checkId: string; hits: RiskHitView[] }
  | { status: "needs_confirmation"; checkId: string; hits: RiskHitView[] };

/** A message hitting many words gets one record per distinct word and group, up to this many. */
const MAX_RECORDS = 50;

/** A check that ran out of time asks the agent to confirm, and is recorded like any hit. */
function timeLimitHit(text: string): RiskHit {
  return {
    groupId: null,
    groupName: "Time limit",
    action: "confirm",
    matchKind: "time_limit",
    matched: "The check did not finish in time",
    matchedText: text.slice(0, 40),
    start: 0,
    end: Math.min(text.length, 40),
  };
}

/** One hit per group and keyword or pattern (its first occurrence): repeating a word is one hit. */
function distinctHits(hits: readonly RiskHit[]): RiskHit[] {
  const seen = new Set<string>();
  const kept: RiskHit[] = [];
  for (const hit of hits) {
    const key = `${hit.groupId}\u0000${hit.matchKind}\u0000${hit.matched}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(hit);
    if (kept.length === MAX_RECORDS) break;
  }
  return kept;
}

const view = (hit: RiskHit): RiskHitView => ({
  groupName: hit.groupName,
  action: hit.action,
  matchKind: hit.matchKind,
  matched: hit.matched,
  matchedText: storedMatch(hit.matchedText),
  start: hit.start,
  end: hit.end,
});

async function skillGroupsOf(db: Database | Tx, workspaceId: string, userId: string, rules: ProjectRiskRules) {
  // Only a group that exempts skill groups needs to know the sender's (saves a round trip otherwise).
  if (rules.exemptSkillGroupIds.size === 0) return [];
  const rows = await db
    .select({ id: skillGroupMembers.skillGroupId })
    .from(skillGroupMembers)
    .where(and(eq(skillGroupMembers.workspaceId, workspaceId), eq(skillGroupMembers.userId, userId)));
  return rows.map((r) => r.id);
}

/** The hits of an agent's message in a project, exemptions applied (no records). */
export async function findRiskHits(
  db: Database | Tx,
  { workspaceId, projectId, userId, text }: { workspaceId: string; projectId: string; userId: string; text: string },
): Promise<RiskHit[]> {
  // The transaction's own connection: the embedded database has only one.
  const rules = await projectRiskRules(db as Database, workspaceId, projectId);
  if (!rules) return [];
  const skillGroupIds = await skillGroupsOf(db, workspaceId, userId, rules);
  const outcome = await riskCheckPool().check(workspaceId, rules, text, { userId, skillGroupIds });
  return outcome.timedOut ? [timeLimitHit(text)] : distinctHits(outcome.hits);
}

const sameHits = (
  hits: readonly RiskHit[],
  records: readonly { groupId: string | null; matchKind: string; matched: string }[],
) => {
  const key = (h: { groupId: string | null; matchKind: string; matched: string }) =>
    `${h.groupId}\u0000${h.matchKind}\u0000${h.matched}`;
  const a = hits.map(key).sort();
  const b = records.map(key).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
};

type Attempt = {
  workspaceId: string;
  projectId: string;
  sessionId: string;
  userId: string;
  text: string;
  confirmCheckId?: string;
};

/**
 * The risk check of an agent's reply, in the reply's transaction, before it is queued. Returns
 * `stop` when it must not be sent (its trigger records are written: blocked, or pending until the
 * agent confirms or cancels), else `settle`, to call with the queued message's id: it marks the
 * confirmed check's records "sent after confirmation".
 */
export async function checkAgentReply(
  tx: Tx,
  attempt: Attempt,
): Promise<{ stop: RiskStop; settle?: undefined } | { stop: null; settle: (messageId: number) => Promise<void> }> {
  const { workspaceId, projectId, sessionId, userId, text, confirmCheckId } = attempt;
  const hits = await findRiskHits(tx, { workspaceId, projectId, userId, text });

  if (confirmCheckId) {
    const pending = await tx
      .select({ groupId: riskTriggers.groupId, matchKind: riskTriggers.matchKind, matched: riskTriggers.matched })
      .from(riskTriggers)
      .where(
        and(
          eq(riskTriggers.checkId, confirmCheckId),
          eq(riskTriggers.workspaceId, workspaceId),
          eq(riskTriggers.sessionId, sessionId),
          eq(riskTriggers.agentUserId, userId),
          eq(riskTriggers.outcome, "pending"),
        ),
      );
    if (pending.length === 0) {
      throw new DomainError(
        "conflict",
        "This confirmation is no longer open (already sent or cancelled). Send the message again.",
      );
    }
    // Only the very hits the agent saw can be confirmed; an edited text or a changed group is checked afresh.
    if (hits.length > 0 && hits.every((h) => h.action === "confirm") && sameHits(hits, pending)) {
      return {
        stop: null,
        settle: async (messageId) => {
          await tx
            .update(riskTriggers)
            .set({ outcome: "sent_after_confirmation", messageId, decidedAt: sql`now()` })
            .where(
              and(
                eq(riskTriggers.checkId, confirmCheckId),
                eq(riskTriggers.workspaceId, workspaceId),
                eq(riskTriggers.outcome, "pending"),
              ),
            );
        },
      };
    }
  }

  if (hits.length === 0) return { stop: null, settle: async () => {} };

  const checkId = randomUUID();
  const blocked = hits.some((h) => h.action === "block");
  await tx.insert(riskTriggers).values(
    hits.map((hit) => ({
      workspaceId,
      projectId,
      sessionId,
      agentUserId: userId,
      checkId,
      groupId: hit.groupId,
      groupName: hit.groupName,
      matchKind: hit.matchKind,
      matched: hit.matched,
      matchedText: storedMatch(hit.matchedText),
      excerpt: excerptAround(text, hit.start, hit.end),
      action: hit.action,
      outcome: blocked ? ("blocked" as const) : ("pending" as const),
      decidedAt: blocked ? sql`now()` : null,
    })),
  );
  const shown = hits.map(view);
  return { stop: blocked ? { status: "blocked", checkId, hits: shown } : { status: "needs_confirmation", checkId, hits: shown } };
}

const quoted = (hits: readonly RiskHitView[]) =>
  hits
    .slice(0, 3)
    .map((h) =>
      h.matchKind === "time_limit"
        ? "text the content check could not finish reading in time"
        : `"${h.matchedText.length > 60 ? `${h.matchedText.slice(0, 60)}…` : h.matchedText}" (group "${h.groupName}")`,
    )
    .join(", ") + (hits.length > 3 ? ` and ${hits.length - 3} more` : "");

/**
 * The stop as an error for the reply procedure: the records are committed already, the message
 * was not queued. `details.risk` carries the hits (and the check id to confirm or cancel).
 */
export function riskStopError(stop: RiskStop): DomainError {
  if (stop.status === "blocked") {
    const blocking = stop.hits.filter((h) => h.action === "block");
    return new DomainError(
      "forbidden",
      `Not sent: ${quoted(blocking)} ${blocking.length === 1 ? "is" : "are"} blocked by content risk control. Remove it and send again.`,
      { risk: stop },
    );
  }
  return new DomainError("conflict", `Please confirm: this message contains ${quoted(stop.hits)}. Send it anyway or cancel.`, {
    risk: stop,
  });
}

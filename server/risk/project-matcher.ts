import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { riskGroups, workspaces } from "@/db/schema";
import { eventBus, type EventBus } from "@/server/events/bus";
import { loadPlanState } from "@/server/plans/load-plan-state";
import type { RiskGroupRules } from "./compile-matcher";
import type { RiskRules } from "./risk-check-pool";

/** One hit of a message against a risk word group. */
export type RiskHit = {
  groupId: string | null;
  groupName: string;
  action: "confirm" | "block";
  /** "time_limit": the check ran out of time (no group; asks the agent to confirm). */
  matchKind: "keyword" | "pattern" | "time_limit";
  /** The keyword or pattern as the admin wrote it. */
  matched: string;
  /** The message's text at the hit, and where it is (UTF-16 offsets into the original message). */
  matchedText: string;
  start: number;
  end: number;
};

/** Who is sending: exemptions are by member and by skill group. */
export type RiskSender = { userId: string; skillGroupIds: readonly string[] };

export type RiskMatcher = { check(text: string, sender: RiskSender): RiskHit[] };

/** A project's rules as checks need them: the groups, their key, and the skill groups any of them exempts. */
export type ProjectRiskRules = RiskRules & { exemptSkillGroupIds: ReadonlySet<string> };

/** Safety net behind the bus: cached rules are reloaded at least this often (plan changes have no event). */
const TTL_MS = 60_000;

type Entry = {
  workspaceId: string;
  builtAt: number;
  /** Which groups (and versions) and which plan the rules were loaded from. */
  fingerprint: Promise<string>;
  rules: Promise<ProjectRiskRules | null>;
};
type Cache = { entries: Map<string, Entry>; generation: Map<string, number>; bus: EventBus | null; unsubscribe: () => void };

// On globalThis: the launcher and the Next.js bundle load separate copies of this module in one process.
const CACHE_KEY = Symbol.for("deskgram.risk.rules");
function cache(): Cache {
  const holder = globalThis as typeof globalThis & { [CACHE_KEY]?: Cache };
  holder[CACHE_KEY] ??= { entries: new Map(), generation: new Map(), bus: null, unsubscribe: () => {} };
  const state = holder[CACHE_KEY];
  const bus = eventBus();
  // Subscribed once per process; again only if the process-wide bus was replaced.
  if (state.bus !== bus) {
    state.unsubscribe();
    state.bus = bus;
    state.unsubscribe = bus.subscribe((event) => {
      if (event.type === "risk.groups_changed") forgetWorkspace(state, event.workspaceId);
      // Events may have been missed while the bus was down.
      if (event.type === "bus.reconnected") {
        state.entries.clear();
        for (const id of state.generation.keys()) state.generation.set(id, (state.generation.get(id) ?? 0) + 1);
      }
    });
  }
  return state;
}

function forgetWorkspace(state: Cache, workspaceId: string) {
  state.generation.set(workspaceId, (state.generation.get(workspaceId) ?? 0) + 1);
  for (const [projectId, entry] of state.entries) if (entry.workspaceId === workspaceId) state.entries.delete(projectId);
}

/** Drops this process's cached rules of a workspace (the bus does it on every instance). */
export function forgetRiskMatchers(workspaceId: string): void {
  forgetWorkspace(cache(), workspaceId);
}

/** What decides the matcher: the enabled groups that apply (with their versions) and whether the plan includes risk control. */
async function currentRules(db: Database, workspaceId: string, projectId: string) {
  const [[workspace], groups] = await Promise.all([
    db
      .select({ id: workspaces.id, plan: workspaces.plan, trialEndsAt: workspaces.trialEndsAt })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .limit(1),
    db
      .select({ id: riskGroups.id, updatedAt: riskGroups.updatedAt })
      .from(riskGroups)
      .where(
        and(
          eq(riskGroups.workspaceId, workspaceId),
          eq(riskGroups.enabled, true),
          sql`(${riskGroups.allProjects} or ${riskGroups.projectIds} ? ${projectId})`,
        ),
      )
      .orderBy(riskGroups.id),
  ]);
  const included = workspace && groups.length > 0 ? (await loadPlanState(db, workspace)).features.includes("riskControl") : false;
  const ids = included ? groups.map((g) => g.id) : [];
  return {
    ids,
    fingerprint: JSON.stringify(groups.map((g) => [g.id, g.updatedAt.getTime()]).concat([["plan", included ? 1 : 0]])),
  };
}

async function loadGroups(db: Database, workspaceId: string, projectId: string, ids: string[]) {
  if (ids.length === 0) return null;
  const groups: RiskGroupRules[] = await db
    .select({
      id: riskGroups.id,
      name: riskGroups.name,
      action: riskGroups.action,
      keywords: riskGroups.keywords,
      patterns: riskGroups.patterns,
      exemptUserIds: riskGroups.exemptUserIds,
      exemptSkillGroupIds: riskGroups.exemptSkillGroupIds,
    })
    .from(riskGroups)
    .where(and(eq(riskGroups.workspaceId, workspaceId), inArray(riskGroups.id, ids)))
    .orderBy(riskGroups.createdAt, riskGroups.id);
  if (groups.length === 0) return null;
  return {
    // A fresh key per load: what the worker compiled under the old one is never used for these groups.
    key: `${projectId}:${randomUUID()}`,
    groups,
    exemptSkillGroupIds: new Set(groups.flatMap((g) => g.exemptSkillGroupIds)),
  } satisfies ProjectRiskRules;
}

/**
 * The project's active risk word groups as the checks need them, cached per project and reloaded
 * on every instance when a group changes (bus event "risk.groups_changed"). Null when no group
 * applies or the workspace's plan has no content risk control. The groups are compiled where the
 * checks run (see risk-check-pool.ts).
 */
export async function projectRiskRules(db: Database, workspaceId: string, projectId: string): Promise<ProjectRiskRules | null> {
  const state = cache();
  const now = Date.now();
  const cached = state.entries.get(projectId);
  if (cached && cached.workspaceId === workspaceId && now - cached.builtAt < TTL_MS) return cached.rules;

  const generation = state.generation.get(workspaceId) ?? 0;
  const current = currentRules(db, workspaceId, projectId);
  const previous = cached?.workspaceId === workspaceId ? cached : null;
  // Past the TTL: load the groups again only when they or the plan changed since.
  const rules = current.then(async ({ ids, fingerprint }) =>
    previous && (await previous.fingerprint) === fingerprint ? previous.rules : loadGroups(db, workspaceId, projectId, ids),
  );
  const entry: Entry = { workspaceId, builtAt: now, fingerprint: current.then((r) => r.fingerprint).catch(() => ""), rules };
  state.entries.set(projectId, entry);
  try {
    await rules;
  } catch (error) {
    if (state.entries.get(projectId) === entry) state.entries.delete(projectId);
    throw error;
  }
  // A group changed while these were loaded: answer with them, but do not keep them.
  if ((state.generation.get(workspaceId) ?? 0) !== generation && state.entries.get(projectId) === entry) {
    state.entries.delete(projectId);
  }
  return rules;
}

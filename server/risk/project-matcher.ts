import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { riskGroups, workspaces } from "@/db/schema";
import { eventBus, type EventBus } from "@/server/events/bus";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { compileRiskMatcher, type CompiledRiskMatcher } from "./compile-matcher";

/** One hit of a message against a risk word group. */
export type RiskHit = {
  groupId: string;
  groupName: string;
  action: "confirm" | "block";
  matchKind: "keyword" | "pattern";
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

/** Safety net behind the bus: a cached matcher is rebuilt at least this often (plan changes have no event). */
const TTL_MS = 60_000;

type Entry = {
  workspaceId: string;
  builtAt: number;
  /** Which groups (and versions) and which plan the matcher was compiled from. */
  fingerprint: Promise<string>;
  matcher: Promise<CompiledRiskMatcher | null>;
};
type Cache = { entries: Map<string, Entry>; generation: Map<string, number>; bus: EventBus | null; unsubscribe: () => void };

// On globalThis: the launcher and the Next.js bundle load separate copies of this module in one process.
const CACHE_KEY = Symbol.for("deskgram.risk.matchers");
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

/** Drops this process's compiled matchers of a workspace (the bus does it on every instance). */
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

async function compileGroups(db: Database, workspaceId: string, ids: string[]): Promise<CompiledRiskMatcher | null> {
  if (ids.length === 0) return null;
  const groups = await db
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
  return groups.length ? compileRiskMatcher(groups) : null;
}

/** The compiled matcher with what the checking code needs beyond `check` (see projectMatcher). */
export async function compiledProjectMatcher(
  db: Database,
  workspaceId: string,
  projectId: string,
): Promise<CompiledRiskMatcher | null> {
  const state = cache();
  const now = Date.now();
  const cached = state.entries.get(projectId);
  if (cached && cached.workspaceId === workspaceId && now - cached.builtAt < TTL_MS) return cached.matcher;

  const generation = state.generation.get(workspaceId) ?? 0;
  const rules = currentRules(db, workspaceId, projectId);
  const previous = cached?.workspaceId === workspaceId ? cached : null;
  // Past the TTL: compile again only when the groups or the plan changed since.
  const matcher = rules.then(async ({ ids, fingerprint }) =>
    previous && (await previous.fingerprint) === fingerprint ? previous.matcher : compileGroups(db, workspaceId, ids),
  );
  const entry: Entry = { workspaceId, builtAt: now, fingerprint: rules.then((r) => r.fingerprint).catch(() => ""), matcher };
  state.entries.set(projectId, entry);
  try {
    await matcher;
  } catch (error) {
    if (state.entries.get(projectId) === entry) state.entries.delete(projectId);
    throw error;
  }
  // A group changed while this one was being built: answer with it, but do not keep it.
  if ((state.generation.get(workspaceId) ?? 0) !== generation && state.entries.get(projectId) === entry) {
    state.entries.delete(projectId);
  }
  return matcher;
}

/**
 * The compiled matcher of a project's active risk word groups (Aho-Corasick over folded keywords
 * plus one RE2 set for the patterns), cached per project and rebuilt on every instance when a
 * group changes (bus event "risk.groups_changed"). Null when no group applies or the workspace's
 * plan has no content risk control.
 */
export async function projectMatcher(db: Database, workspaceId: string, projectId: string): Promise<RiskMatcher | null> {
  return compiledProjectMatcher(db, workspaceId, projectId);
}

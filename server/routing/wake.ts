import type { Database } from "@/db/client";
import { publishCommitted } from "@/server/events/bus";
import { drainStep } from "./drain-queue";

/** Projects to drain: every live project of the workspace, or these. */
type Scope = { all: boolean; projects: Set<string> };

type Run = { next: { scope: Scope; done: Array<() => void> } | null };

// Per pool and workspace, the drain running in this process. Correctness never depends on it (the
// routing lock in PostgreSQL serialises drains across instances); it only folds a burst of wake-ups
// into one more drain instead of a line of transactions waiting for the lock.
const running = new WeakMap<Database, Map<string, Run>>();

function merge(scope: Scope, projectId: string | undefined): void {
  if (projectId === undefined) scope.all = true;
  else scope.projects.add(projectId);
}

async function drain(db: Database, workspaceId: string, scope: Scope): Promise<void> {
  const projectIds = scope.all ? null : [...scope.projects];
  const blocked = new Set<string>();
  try {
    for (;;) {
      const step = await drainStep(db, workspaceId, projectIds, blocked);
      await publishCommitted(step.events);
      if (step.done) return;
    }
  } catch (error) {
    // The sweeper wakes projects whose sessions wait too long, so a failure here only delays them.
    console.error(
      `[routing] draining the queue of workspace ${workspaceId} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Call after commit whenever a session opened or became unassigned, or capacity or status freed up.
 * Drains the waiting queue(s) (one project, or every project of the workspace) in order: assigns to
 * eligible agents under the routing lock, logs every decision, and tells the customers still waiting
 * their position (once per change). Publishes its own events. Never throws (failures are logged; the
 * sweeper retries waiting sessions).
 *
 * Resolves once a drain that started after this call has finished. Calls made while this process
 * already drains the workspace are folded into one drain that runs right after it.
 */
export async function wakeRouting(db: Database, workspaceId: string, projectId?: string): Promise<void> {
  let byWorkspace = running.get(db);
  if (!byWorkspace) running.set(db, (byWorkspace = new Map()));
  const current = byWorkspace.get(workspaceId);
  if (current) {
    current.next ??= { scope: { all: false, projects: new Set() }, done: [] };
    merge(current.next.scope, projectId);
    const next = current.next;
    return new Promise((resolve) => next.done.push(resolve));
  }

  const run: Run = { next: null };
  byWorkspace.set(workspaceId, run);
  const scope: Scope = { all: false, projects: new Set() };
  merge(scope, projectId);
  try {
    await drain(db, workspaceId, scope);
    while (run.next) {
      const { scope: nextScope, done } = run.next;
      run.next = null;
      await drain(db, workspaceId, nextScope);
      for (const resolve of done) resolve();
    }
  } finally {
    byWorkspace.delete(workspaceId);
  }
}

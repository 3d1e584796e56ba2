/** Builders for routing tests: seat members with a status and capacity, written straight to the database. */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { uniqueEmail } from "@/db/test-helpers";
import type { AgentStatus } from "@/server/presence/change-status";

export type AgentSpec = { status?: AgentStatus; capacity?: number; role?: "agent" | "supervisor" | "admin" | "marketer" };

/** Adds members to a workspace in two statements; returns their user ids in the order given. */
export async function addAgents(db: Database, workspaceId: string, specs: readonly AgentSpec[]): Promise<string[]> {
  if (specs.length === 0) return [];
  const created = await db
    .insert(users)
    .values(specs.map((_, i) => ({ name: `Agent ${i + 1}`, email: uniqueEmail(`agent-${i + 1}`) })))
    .returning({ id: users.id });
  await db.insert(memberships).values(
    specs.map((spec, i) => ({
      workspaceId,
      userId: created[i]!.id,
      role: spec.role ?? ("agent" as const),
      status: spec.status ?? ("available" as const),
      capacity: spec.capacity ?? 5,
    })),
  );
  return created.map((row) => row.id);
}

/** Every open session each agent of the workspace works, by user id. */
export async function openLoads(db: Database, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db.execute<{ user_id: string; n: number }>(sql`
    select assigned_user_id as user_id, count(*)::int as n from sessions
    where workspace_id = ${workspaceId}::uuid and status = 'open' and assigned_user_id is not null
    group by assigned_user_id
  `);
  return new Map(rows.map((row) => [row.user_id, row.n]));
}

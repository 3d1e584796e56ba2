import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, database, type Database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import { memberships, projects, sessions } from "@/db/schema";
import { changeStatus, type AgentStatus } from "@/server/presence/change-status";
import { storeCustomerMessage } from "@/server/telegram/store-customer-message";
import { newCustomer } from "@/server/telegram/test-fixtures";
import { loadWebhookBot, type WebhookBot } from "@/server/telegram/webhook-bot";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { addAgents, openLoads, type AgentSpec } from "./test-fixtures";
import { wakeRouting } from "./wake";

const FAIRNESS_SESSIONS = 200;

// Two pools: two server instances, whose only common ground is PostgreSQL.
let instances: ReturnType<typeof createDatabase>[] = [];
beforeAll(() => {
  instances = [createDatabase(process.env.DATABASE_URL!, { max: 5 }), createDatabase(process.env.DATABASE_URL!, { max: 5 })];
});
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.sql.end()));
});

async function seedRouting(agents: AgentSpec[], settings: Partial<typeof projects.$inferInsert>) {
  const db = database();
  const seed = await seedConnectedProject();
  // The owner takes no sessions here: only the agents below are routed to.
  await db.update(memberships).set({ capacity: 0 }).where(eq(memberships.workspaceId, seed.workspace.id));
  await db.update(projects).set(settings).where(eq(projects.id, seed.project.id));
  const agentIds = await addAgents(db, seed.workspace.id, agents);
  const bot = (await loadWebhookBot(db, seed.bot.id))!;
  return { seed, agentIds, bot };
}

/** `count` new customers write at once, alternating between the two instances; each instance wakes routing after its commit. */
async function openInParallel(bot: WebhookBot, count: number) {
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const db: Database = instances[i % 2]!.db;
      const customer = newCustomer();
      const stored = await storeCustomerMessage(db, bot, {
        update: null,
        from: { ...customer, is_bot: false },
        chatId: customer.id,
        telegramMessageId: i + 1,
        content: { kind: "text", text: `Customer ${i} needs help`, media: null },
        createdAt: new Date(),
        editedAt: null,
        startPayload: null,
      });
      expect(stored?.unassigned).toBe(true);
      await wakeRouting(db, bot.workspaceId, bot.projectId);
    }),
  );
}

/** The project's waiting sessions in queue order. */
function queue(projectId: string) {
  return database()
    .select({ id: sessions.id, notified: sessions.queueNotifiedPosition })
    .from(sessions)
    .where(and(eq(sessions.projectId, projectId), eq(sessions.status, "open"), isNull(sessions.assignedUserId)))
    .orderBy(asc(sessions.queuedAt), asc(sessions.id));
}

describe("routing under concurrency", () => {
  it("1,000 sessions opened at once against 50 agents: no agent over capacity, none assigned twice, the rest queued in order, and the queue drains when an agent frees up", async () => {
    const statuses: AgentStatus[] = ["available", "busy", "away", "not_ready", "offline", "finishing", "kicked_out"];
    const specs: AgentSpec[] = Array.from({ length: 50 }, (_, i) => ({
      status: statuses[i % statuses.length]!,
      capacity: 1 + (i % 4),
    }));
    const { seed, agentIds, bot } = await seedRouting(specs, { routingRule: "online_first" });
    const ws = seed.workspace.id;
    const routable = specs.map((spec) => spec.status !== "finishing" && spec.status !== "kicked_out");
    const room = specs.reduce((sum, spec, i) => sum + (routable[i] ? spec.capacity! : 0), 0);
    expect(room).toBeLessThan(1000);

    await openInParallel(bot, 1000);

    // Every routable agent is full, nobody is over capacity, Finishing and Kicked out got nothing.
    const loads = await openLoads(database(), ws);
    agentIds.forEach((userId, i) => expect(loads.get(userId) ?? 0).toBe(routable[i] ? specs[i]!.capacity : 0));

    // Exactly one "assigned" decision per assigned session, naming the agent that works it.
    const decisions = await database().execute<{
      assigned: number;
      decided: number;
      twice: number;
      mismatched: number;
      queued_twice: number;
    }>(sql`
      with per_session as (
        select s.id, s.assigned_user_id,
               count(*) filter (where l.kind = 'assigned') as assigned_rows,
               count(*) filter (where l.kind = 'queued') as queued_rows,
               max(l.to_user_id::text) filter (where l.kind = 'assigned') as logged_agent
        from sessions s left join session_log l on l.session_id = s.id
        where s.project_id = ${seed.project.id}::uuid
        group by s.id, s.assigned_user_id
      )
      select count(*) filter (where assigned_user_id is not null)::int as assigned,
             sum(assigned_rows)::int as decided,
             count(*) filter (where assigned_rows > 1)::int as twice,
             count(*) filter (where assigned_user_id is not null and logged_agent <> assigned_user_id::text)::int as mismatched,
             count(*) filter (where queued_rows > 1)::int as queued_twice
      from per_session
    `);
    expect(decisions[0]).toEqual({ assigned: room, decided: room, twice: 0, mismatched: 0, queued_twice: 0 });

    // The rest wait in order: each was told a position once, and the first ten hold 0…9.
    const waiting = await queue(seed.project.id);
    expect(waiting).toHaveLength(1000 - room);
    expect(waiting.every((session) => session.notified !== null)).toBe(true);
    expect(waiting.slice(0, 10).map((session) => session.notified)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // One full agent's session closes: the oldest waiting session goes to them at once.
    const full = agentIds[0]!;
    await instances[0]!.db.transaction(async (tx) => {
      await lockWorkspaceRouting(tx, ws);
      await tx.execute(sql`update sessions set status = 'closed', closed_at = now()
        where id = (select id from sessions where assigned_user_id = ${full}::uuid and status = 'open' limit 1)`);
    });
    await wakeRouting(instances[0]!.db, ws);
    const [oldest] = await database().select().from(sessions).where(eq(sessions.id, waiting[0]!.id));
    expect(oldest!.assignedUserId).toBe(full);

    // A Kicked-out agent comes back: the next oldest are theirs, up to their capacity; everyone behind moved up and heard it.
    const kicked = agentIds[statuses.indexOf("kicked_out")]!;
    const kickedCapacity = specs[statuses.indexOf("kicked_out")]!.capacity!;
    await instances[1]!.db.transaction(async (tx) => {
      await lockWorkspaceRouting(tx, ws);
      await changeStatus(tx, { workspaceId: ws, userId: kicked, to: "available", cause: "admin" });
    });
    await wakeRouting(instances[1]!.db, ws);
    const theirs = waiting.slice(1, 1 + kickedCapacity).map((session) => session.id);
    const given = await database()
      .select({ assignedUserId: sessions.assignedUserId })
      .from(sessions)
      .where(inArray(sessions.id, theirs));
    expect(given.map((row) => row.assignedUserId)).toEqual(theirs.map(() => kicked));
    const after = await queue(seed.project.id);
    expect(after.map((session) => session.id)).toEqual(waiting.slice(1 + kickedCapacity).map((session) => session.id));
    expect(after.slice(0, 10).map((session) => session.notified)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }, 180_000);

  it("round robin stays fair under concurrency: session counts within ±1", async () => {
    const { seed, agentIds, bot } = await seedRouting(
      Array.from({ length: 7 }, (_, i) => ({ status: (["available", "offline", "away"] as const)[i % 3], capacity: 100 })),
      { routingRule: "round_robin", routingStrategy: "rotation" },
    );
    await openInParallel(bot, FAIRNESS_SESSIONS);
    const loads = await openLoads(database(), seed.workspace.id);
    const counts = agentIds.map((userId) => loads.get(userId) ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(FAIRNESS_SESSIONS);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  }, 120_000);
});

import { and, desc, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { agentStatusLog, memberships, sessions, timers } from "@/db/schema";
import { createMemoryKv } from "@/lib/kv/memory";
import { TEST_REDIS_URL, uniquePrefix, useKvBridge } from "@/lib/kv/test-fixtures";
import type { Kv } from "@/lib/kv/types";
import { createUpstashKv } from "@/lib/kv/upstash";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { addMember, seedConversation } from "@/server/inbox/test-fixtures";
import { eventually } from "@/server/testing/eventually";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { changeStatus, type AgentStatus, type StatusCause } from "./change-status";
import { recordHeartbeat } from "./heartbeat";
import { onIdleTimer } from "./idle-timeout";
import { applyLoadStatus } from "./load-status";
import { activityKey, presenceKey } from "./presence-keys";
import { setAgentStatus } from "@/server/routing/set-agent-status";
import { sweepPresence } from "./sweep-presence";

const db = database();
async function team() {
  const seeded = await seedConnectedProject();
  const workspaceId = seeded.workspace.id;
  const agent = await addMember(workspaceId, "agent", "Ann Agent");
  return { ...seeded, workspaceId, project: { id: seeded.project.id, workspaceId }, agent, owner: seeded.owner.id };
}

async function member(workspaceId: string, userId: string) {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row!;
}

async function setRow(
  workspaceId: string,
  userId: string,
  values: { status: AgentStatus; statusCause?: StatusCause; capacity?: number },
) {
  await db
    .update(memberships)
    .set({ statusCause: "manual", ...values, statusChangedAt: sql`now() - interval '1 hour'` })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

async function logOf(workspaceId: string, userId: string) {
  return db
    .select()
    .from(agentStatusLog)
    .where(and(eq(agentStatusLog.workspaceId, workspaceId), eq(agentStatusLog.userId, userId)))
    .orderBy(agentStatusLog.id);
}

async function idleTimerOf(workspaceId: string, userId: string) {
  const [row] = await db
    .select()
    .from(timers)
    .where(and(eq(timers.workspaceId, workspaceId), eq(timers.kind, "idle"), eq(timers.userId, userId)));
  return row ?? null;
}

/** Opens `count` sessions assigned to the agent, the way routing leaves them. */
async function assignSessions(project: { id: string; workspaceId: string }, userId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { session } = await seedConversation(project);
    await db
      .update(sessions)
      .set({ assignedUserId: userId, assignedAt: sql`now()`, queuedAt: null })
      .where(eq(sessions.id, session.id));
    ids.push(session.id);
  }
  return ids;
}

async function closeSession(sessionId: string) {
  await db
    .update(sessions)
    .set({ status: "closed", closedAt: sql`now()` })
    .where(eq(sessions.id, sessionId));
}

const loadStatus = (workspaceId: string, userIds: string[]) => db.transaction((tx) => applyLoadStatus(tx, workspaceId, userIds));

function listen() {
  const received: BusEvent[] = [];
  const off = eventBus().subscribe((e) => received.push(e));
  return { received, off };
}

describe("agent presence", () => {
  // Real Redis behind the Upstash-protocol bridge when REDIS_URL is set (as in CI), else the in-process store.
  const bridge = useKvBridge(TEST_REDIS_URL);
  let kv: Kv;
  beforeAll(() => {
    const prefix = uniquePrefix("presence");
    kv = TEST_REDIS_URL ? createUpstashKv({ url: bridge().url, token: bridge().token, prefix }) : createMemoryKv(prefix);
  });
  afterEach(async () => {
    await kv.clearNamespace();
  });

  describe("changeStatus", () => {
    it("updates the member, logs the change with cause and actor, returns agent.updated; the same status again is a no-op", async () => {
      const ws = await team();
      const first = await db.transaction((tx) =>
        changeStatus(tx, {
          workspaceId: ws.workspaceId,
          userId: ws.agent,
          to: "away",
          awayReason: "Meeting",
          cause: "admin",
          actorUserId: ws.owner,
        }),
      );
      expect(first).toEqual({
        changed: true,
        from: "offline",
        events: [{ type: "agent.updated", workspaceId: ws.workspaceId, userId: ws.agent }],
      });
      expect(await member(ws.workspaceId, ws.agent)).toMatchObject({
        status: "away",
        awayReason: "Meeting",
        statusCause: "admin",
      });

      const again = await db.transaction((tx) =>
        changeStatus(tx, { workspaceId: ws.workspaceId, userId: ws.agent, to: "away", awayReason: "Meeting", cause: "manual" }),
      );
      expect(again).toEqual({ changed: false, from: "away", events: [] });
      // Another reason is a change.
      const other = await db.transaction((tx) =>
        changeStatus(tx, { workspaceId: ws.workspaceId, userId: ws.agent, to: "away", awayReason: "Training", cause: "manual" }),
      );
      expect(other.changed).toBe(true);

      const log = await logOf(ws.workspaceId, ws.agent);
      expect(log.map((r) => [r.fromStatus, r.toStatus, r.awayReason, r.cause, r.actorUserId])).toEqual([
        ["offline", "away", "Meeting", "admin", ws.owner],
        ["away", "away", "Training", "manual", null],
      ]);
    });

    it("refuses someone who is not a member of the workspace", async () => {
      const ws = await team();
      const other = await team();
      await expect(
        db.transaction((tx) =>
          changeStatus(tx, { workspaceId: ws.workspaceId, userId: other.agent, to: "available", cause: "manual" }),
        ),
      ).rejects.toThrow(/no longer a member/);
    });
  });

  describe("heartbeat and presence", () => {
    it("brings an Offline agent online as Not ready (cause presence), starts the idle clock, and writes nothing more on later beats", async () => {
      const ws = await team();
      const { received, off } = listen();
      try {
        const beat = await recordHeartbeat(db, kv, { workspaceId: ws.workspaceId, userId: ws.agent, active: false });
        expect(beat).toEqual({ status: "not_ready", awayReason: null, statusCause: "presence" });
        expect(await member(ws.workspaceId, ws.agent)).toMatchObject({ status: "not_ready", statusCause: "presence" });
        expect(await kv.get(presenceKey(ws.workspaceId, ws.agent))).not.toBeNull();
        expect(received).toContainEqual({ type: "agent.updated", workspaceId: ws.workspaceId, userId: ws.agent });

        const timer = await idleTimerOf(ws.workspaceId, ws.agent);
        expect(timer).not.toBeNull();
        const minutes = (timer!.dueAt.getTime() - Date.now()) / 60_000;
        expect(minutes).toBeGreaterThan(14);
        expect(minutes).toBeLessThanOrEqual(15);

        await recordHeartbeat(db, kv, { workspaceId: ws.workspaceId, userId: ws.agent, active: true });
        await recordHeartbeat(db, kv, { workspaceId: ws.workspaceId, userId: ws.agent, active: false });
        expect((await logOf(ws.workspaceId, ws.agent)).map((r) => [r.fromStatus, r.toStatus, r.cause])).toEqual([
          ["offline", "not_ready", "presence"],
        ]);
      } finally {
        off();
      }
    });

    it("moves the idle deadline at most once a minute, from activity only", async () => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status: "available" });
      await db
        .update(timers)
        .set({ dueAt: sql`now()` })
        .where(eq(timers.userId, ws.agent));

      await recordHeartbeat(db, kv, { workspaceId: ws.workspaceId, userId: ws.agent, active: false });
      expect(await idleTimerOf(ws.workspaceId, ws.agent)).toBeNull();

      await recordHeartbeat(db, kv, { workspaceId: ws.workspaceId, userId: ws.agent, active: true });
      const first = await idleTimerOf(ws.workspaceId, ws.agent);
      expect(first).not.toBeNull();
      expect(Number(await kv.get(activityKey(ws.workspaceId, ws.agent)))).toBeGreaterThan(Date.now() - 5_000);

      // Pull the deadline back: a second active beat within the minute must not write it again.
      await db
        .update(timers)
        .set({ dueAt: sql`now() + interval '1 minute'` })
        .where(eq(timers.id, first!.id));
      await recordHeartbeat(db, kv, { workspaceId: ws.workspaceId, userId: ws.agent, active: true });
      const second = await idleTimerOf(ws.workspaceId, ws.agent);
      expect((second!.dueAt.getTime() - Date.now()) / 60_000).toBeLessThan(2);
    });

    it("leaves an agent who chose Offline offline while their console is open", async () => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status: "offline", statusCause: "manual" });
      const beat = await recordHeartbeat(db, kv, { workspaceId: ws.workspaceId, userId: ws.agent, active: true });
      expect(beat?.status).toBe("offline");
      expect(await logOf(ws.workspaceId, ws.agent)).toEqual([]);
    });

    it("gives marketers no status", async () => {
      const ws = await team();
      const marketer = await addMember(ws.workspaceId, "marketer");
      expect(await recordHeartbeat(db, kv, { workspaceId: ws.workspaceId, userId: marketer, active: true })).toBeNull();
      expect((await member(ws.workspaceId, marketer)).status).toBe("offline");
    });

    it("takes members whose presence expired Offline (cause presence) and keeps present ones", async () => {
      const ws = await team();
      const present = await addMember(ws.workspaceId, "agent", "Pat Present");
      await setRow(ws.workspaceId, ws.agent, { status: "available" });
      await setRow(ws.workspaceId, present, { status: "busy" });
      await setRow(ws.workspaceId, ws.owner, { status: "away" });
      // The agent's console beat with a short TTL and then closed; Pat's console is still beating.
      await kv.set(presenceKey(ws.workspaceId, ws.agent), "1", { ttlMs: 50 });
      await kv.set(presenceKey(ws.workspaceId, present), "1", { ttlMs: 60_000 });
      const sessionId = (await assignSessions(ws.project, ws.agent, 1))[0]!;
      await eventually(async () => (await kv.get(presenceKey(ws.workspaceId, ws.agent))) === null);

      const { received, off } = listen();
      try {
        const moved = await sweepPresence(db, kv, { ttlSeconds: 1, onlyWorkspaces: [ws.workspaceId] });
        expect(moved).toBe(2);
        expect(
          received
            .filter((e) => e.type === "agent.updated")
            .map((e) => (e as { userId: string }).userId)
            .sort(),
        ).toEqual([ws.agent, ws.owner].sort());
      } finally {
        off();
      }
      expect(await member(ws.workspaceId, ws.agent)).toMatchObject({ status: "offline", statusCause: "presence" });
      expect(await member(ws.workspaceId, ws.owner)).toMatchObject({ status: "offline", statusCause: "presence" });
      expect((await member(ws.workspaceId, present)).status).toBe("busy");
      const [last] = await db
        .select()
        .from(agentStatusLog)
        .where(eq(agentStatusLog.userId, ws.agent))
        .orderBy(desc(agentStatusLog.id))
        .limit(1);
      expect(last).toMatchObject({ fromStatus: "available", toStatus: "offline", cause: "presence", actorUserId: null });
      // Going Offline does not take the agent's session away by itself (routing's grace timer does).
      expect((await db.select().from(sessions).where(eq(sessions.id, sessionId)))[0]!.assignedUserId).toBe(ws.agent);

      // Nothing left to sweep; the next heartbeat brings the agent back as Not ready.
      expect(await sweepPresence(db, kv, { ttlSeconds: 1, onlyWorkspaces: [ws.workspaceId] })).toBe(0);
      expect((await recordHeartbeat(db, kv, { workspaceId: ws.workspaceId, userId: ws.agent, active: true }))?.status).toBe(
        "not_ready",
      );
    });

    it("does not sweep a member whose status changed within the TTL", async () => {
      const ws = await team();
      await db
        .update(memberships)
        .set({ status: "available", statusChangedAt: sql`now()` })
        .where(and(eq(memberships.workspaceId, ws.workspaceId), eq(memberships.userId, ws.agent)));
      expect(await sweepPresence(db, kv, { ttlSeconds: 60, onlyWorkspaces: [ws.workspaceId] })).toBe(0);
      expect((await member(ws.workspaceId, ws.agent)).status).toBe("available");
    });
  });

  describe("idle timeout", () => {
    const due = () => new Date(Date.now() - 1000);

    it.each(["available", "busy", "not_ready"] as const)(
      "moves %s to Away (Idle, cause idle) when the deadline stands",
      async (status) => {
        const ws = await team();
        await setRow(ws.workspaceId, ws.agent, { status });
        const { received, off } = listen();
        try {
          await onIdleTimer(db, { workspaceId: ws.workspaceId, userId: ws.agent, dueAt: due() }, kv);
        } finally {
          off();
        }
        expect(await member(ws.workspaceId, ws.agent)).toMatchObject({ status: "away", awayReason: "Idle", statusCause: "idle" });
        expect((await logOf(ws.workspaceId, ws.agent)).map((r) => [r.fromStatus, r.toStatus, r.awayReason, r.cause])).toEqual([
          [status, "away", "Idle", "idle"],
        ]);
        expect(received).toContainEqual({ type: "agent.updated", workspaceId: ws.workspaceId, userId: ws.agent });
      },
    );

    it.each(["away", "finishing", "offline", "kicked_out"] as const)("leaves %s as it is", async (status) => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status });
      await onIdleTimer(db, { workspaceId: ws.workspaceId, userId: ws.agent, dueAt: due() }, kv);
      expect((await member(ws.workspaceId, ws.agent)).status).toBe(status);
    });

    it("starts the idle clock when someone chooses a working status, not when they go Away", async () => {
      const ws = await team();
      const actor = { userId: ws.agent, role: "agent" as const };
      await setAgentStatus(db, { workspaceId: ws.workspaceId, actor, userId: ws.agent, to: "away", awayReason: "Meeting" });
      expect(await idleTimerOf(ws.workspaceId, ws.agent)).toBeNull();
      await setAgentStatus(db, { workspaceId: ws.workspaceId, actor, userId: ws.agent, to: "available" });
      const timer = await idleTimerOf(ws.workspaceId, ws.agent);
      expect((timer!.dueAt.getTime() - Date.now()) / 60_000).toBeGreaterThan(14);
    });

    it("does nothing when activity moved the deadline meanwhile (a later idle timer exists)", async () => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status: "available" });
      await db
        .insert(timers)
        .values({ workspaceId: ws.workspaceId, kind: "idle", userId: ws.agent, dueAt: sql`now() + interval '10 minutes'` });
      await onIdleTimer(db, { workspaceId: ws.workspaceId, userId: ws.agent, dueAt: due() }, kv);
      expect((await member(ws.workspaceId, ws.agent)).status).toBe("available");
    });

    it("moves the deadline to the last activity + the timeout when the agent was active since it was set", async () => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status: "busy" });
      const lastActive = Date.now() - 5 * 60_000;
      await kv.set(activityKey(ws.workspaceId, ws.agent), String(lastActive));
      await onIdleTimer(db, { workspaceId: ws.workspaceId, userId: ws.agent, dueAt: due() }, kv);
      expect((await member(ws.workspaceId, ws.agent)).status).toBe("busy");
      expect((await idleTimerOf(ws.workspaceId, ws.agent))!.dueAt.getTime()).toBe(lastActive + 15 * 60_000);

      // Activity older than the timeout does not save the agent.
      await kv.set(activityKey(ws.workspaceId, ws.agent), String(Date.now() - 16 * 60_000));
      await db.delete(timers).where(eq(timers.userId, ws.agent));
      await onIdleTimer(db, { workspaceId: ws.workspaceId, userId: ws.agent, dueAt: due() }, kv);
      expect((await member(ws.workspaceId, ws.agent)).status).toBe("away");
    });
  });

  describe("capacity and finishing", () => {
    it("makes an Available agent Busy at capacity and Available again below it (cause capacity)", async () => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status: "available", capacity: 2 });
      const [first, second] = await assignSessions(ws.project, ws.agent, 2);

      const events = await loadStatus(ws.workspaceId, [ws.agent, ws.agent]);
      expect(events).toEqual([{ type: "agent.updated", workspaceId: ws.workspaceId, userId: ws.agent }]);
      expect(await member(ws.workspaceId, ws.agent)).toMatchObject({ status: "busy", statusCause: "capacity" });
      expect(await loadStatus(ws.workspaceId, [ws.agent])).toEqual([]);

      await closeSession(first!);
      await loadStatus(ws.workspaceId, [ws.agent]);
      expect(await member(ws.workspaceId, ws.agent)).toMatchObject({ status: "available", statusCause: "capacity" });
      void second;

      expect((await logOf(ws.workspaceId, ws.agent)).map((r) => [r.fromStatus, r.toStatus, r.cause])).toEqual([
        ["available", "busy", "capacity"],
        ["busy", "available", "capacity"],
      ]);
    });

    it("keeps a Busy the agent chose when capacity frees up", async () => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status: "busy", statusCause: "manual", capacity: 2 });
      await assignSessions(ws.project, ws.agent, 1);
      expect(await loadStatus(ws.workspaceId, [ws.agent])).toEqual([]);
      expect((await member(ws.workspaceId, ws.agent)).status).toBe("busy");
    });

    it("gives Busy (capacity) to an agent choosing Available at capacity, then Available once a session closes", async () => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status: "away", capacity: 1 });
      const [only] = await assignSessions(ws.project, ws.agent, 1);
      const result = await setAgentStatus(db, {
        workspaceId: ws.workspaceId,
        actor: { userId: ws.agent, role: "agent" },
        userId: ws.agent,
        to: "available",
      });
      expect(result).toMatchObject({ status: "busy", statusCause: "capacity", changed: true });
      await closeSession(only!);
      await loadStatus(ws.workspaceId, [ws.agent]);
      expect(await member(ws.workspaceId, ws.agent)).toMatchObject({ status: "available", statusCause: "capacity" });
    });

    it("turns Finishing into Away (Finished, cause system) when the last session closes", async () => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status: "available" });
      const [a, b] = await assignSessions(ws.project, ws.agent, 2);
      await setAgentStatus(db, {
        workspaceId: ws.workspaceId,
        actor: { userId: ws.agent, role: "agent" },
        userId: ws.agent,
        to: "finishing",
      });
      expect((await member(ws.workspaceId, ws.agent)).status).toBe("finishing");

      await closeSession(a!);
      await loadStatus(ws.workspaceId, [ws.agent]);
      expect((await member(ws.workspaceId, ws.agent)).status).toBe("finishing");
      await closeSession(b!);
      await loadStatus(ws.workspaceId, [ws.agent]);
      expect(await member(ws.workspaceId, ws.agent)).toMatchObject({
        status: "away",
        awayReason: "Finished",
        statusCause: "system",
      });
      expect((await logOf(ws.workspaceId, ws.agent)).map((r) => [r.toStatus, r.cause])).toEqual([
        ["finishing", "manual"],
        ["away", "system"],
      ]);
    });

    it("makes Finishing with nothing to finish Away at once", async () => {
      const ws = await team();
      await setRow(ws.workspaceId, ws.agent, { status: "available" });
      const result = await setAgentStatus(db, {
        workspaceId: ws.workspaceId,
        actor: { userId: ws.agent, role: "agent" },
        userId: ws.agent,
        to: "finishing",
      });
      expect(result).toMatchObject({ status: "away", awayReason: "Finished", statusCause: "system" });
      expect((await member(ws.workspaceId, ws.agent)).status).toBe("away");
    });
  });
});

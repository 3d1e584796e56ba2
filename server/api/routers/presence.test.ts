import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { agentStatusLog, memberships, sessions, workspaces } from "@/db/schema";
import { createMemoryKv } from "@/lib/kv/memory";
import { addMember, seedConversation } from "@/server/inbox/test-fixtures";
import { callerFor } from "@/server/testing/callers";
import { seedConnectedProject } from "@/server/testing/seed-bot";

const db = database();

async function team() {
  const seeded = await seedConnectedProject();
  const workspaceId = seeded.workspace.id;
  const [agent, supervisor, admin] = await Promise.all([
    addMember(workspaceId, "agent", "Ann Agent"),
    addMember(workspaceId, "supervisor", "Sue Supervisor"),
    addMember(workspaceId, "admin", "Adam Admin"),
  ]);
  const kv = createMemoryKv(`presence-router-${workspaceId}`);
  const as = (userId: string) => callerFor(userId, { kv });
  return { ...seeded, workspaceId, agent, supervisor, admin, as, owner: seeded.owner.id };
}

async function statusOf(workspaceId: string, userId: string) {
  const [row] = await db
    .select({ status: memberships.status, awayReason: memberships.awayReason, statusCause: memberships.statusCause })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row!;
}

describe("presence.setMyStatus (header switcher)", () => {
  it("sets the caller's own status with a built-in or custom Away reason, logged as manual", async () => {
    const ws = await team();
    const agent = ws.as(ws.agent);
    expect(await agent.presence.setMyStatus({ workspaceId: ws.workspaceId, status: "away", awayReason: "lunch break" })).toEqual({
      status: "away",
      awayReason: "Lunch break",
      statusCause: "manual",
      changed: true,
    });
    await ws.as(ws.admin).presence.addAwayReason({ workspaceId: ws.workspaceId, label: "Coaching session" });
    await agent.presence.setMyStatus({ workspaceId: ws.workspaceId, status: "away", awayReason: "Coaching session" });
    expect(await statusOf(ws.workspaceId, ws.agent)).toEqual({
      status: "away",
      awayReason: "Coaching session",
      statusCause: "manual",
    });

    const me = await agent.presence.me({ workspaceId: ws.workspaceId });
    expect(me).toMatchObject({ userId: ws.agent, hasStatus: true, status: "away", awayReason: "Coaching session" });
    expect(me.awayReasons.map((r) => r.label)).toEqual([
      "Lunch break",
      "Short break",
      "Training",
      "Meeting",
      "Technical break",
      "Coaching session",
    ]);

    const log = await db.select().from(agentStatusLog).where(eq(agentStatusLog.userId, ws.agent)).orderBy(agentStatusLog.id);
    expect(log.map((r) => [r.toStatus, r.awayReason, r.cause, r.actorUserId])).toEqual([
      ["away", "Lunch break", "manual", null],
      ["away", "Coaching session", "manual", null],
    ]);
  });

  it("asks for a reason the workspace offers when going Away", async () => {
    const ws = await team();
    const agent = ws.as(ws.agent);
    await expect(agent.presence.setMyStatus({ workspaceId: ws.workspaceId, status: "away" })).rejects.toThrow(
      "Choose a reason for going Away.",
    );
    await expect(agent.presence.setMyStatus({ workspaceId: ws.workspaceId, status: "away", awayReason: "Nap" })).rejects.toThrow(
      /"Nap" is not one of this workspace's Away reasons/,
    );
    // Kicked out is the system's to set.
    await expect(
      agent.presence.setMyStatus({ workspaceId: ws.workspaceId, status: "kicked_out" as "offline" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await statusOf(ws.workspaceId, ws.agent)).status).toBe("offline");
  });

  it("refuses marketers, who have no status", async () => {
    const ws = await team();
    const marketer = await addMember(ws.workspaceId, "marketer");
    await expect(ws.as(marketer).presence.setMyStatus({ workspaceId: ws.workspaceId, status: "available" })).rejects.toThrow(
      "Only owners, admins, supervisors and agents can have an agent status.",
    );
    expect((await ws.as(marketer).presence.me({ workspaceId: ws.workspaceId })).hasStatus).toBe(false);
  });

  it("is refused with the plan message when the plan has expired", async () => {
    const ws = await team();
    await db
      .update(workspaces)
      .set({ trialEndsAt: sql`now() - interval '1 day'` })
      .where(eq(workspaces.id, ws.workspaceId));
    await expect(ws.as(ws.agent).presence.setMyStatus({ workspaceId: ws.workspaceId, status: "available" })).rejects.toThrow(
      "Your Trial plan has expired, so this workspace is read-only. Choose a plan in Settings → Plan to make changes again.",
    );
    expect((await statusOf(ws.workspaceId, ws.agent)).status).toBe("offline");
  });
});

describe("presence.setAgentStatus (Monitoring)", () => {
  it("lets a supervisor force an agent Offline, recording the actor and cause admin", async () => {
    const ws = await team();
    await ws.as(ws.agent).presence.setMyStatus({ workspaceId: ws.workspaceId, status: "available" });
    await ws.as(ws.supervisor).presence.setAgentStatus({ workspaceId: ws.workspaceId, userId: ws.agent, status: "offline" });
    expect(await statusOf(ws.workspaceId, ws.agent)).toEqual({ status: "offline", awayReason: null, statusCause: "admin" });

    const { entries } = await ws.as(ws.supervisor).presence.statusLog({ workspaceId: ws.workspaceId, userId: ws.agent });
    expect(entries.map((e) => [e.userName, e.fromStatus, e.toStatus, e.cause, e.actorName])).toEqual([
      ["Ann Agent", "available", "offline", "admin", "Sue Supervisor"],
      ["Ann Agent", "offline", "available", "manual", null],
    ]);
  });

  it("refuses agents, higher roles' status for supervisors, and people of another workspace", async () => {
    const ws = await team();
    const other = await team();
    await expect(
      ws.as(ws.agent).presence.setAgentStatus({ workspaceId: ws.workspaceId, userId: ws.supervisor, status: "offline" }),
    ).rejects.toThrow(/^Only owners, admins and supervisors can /);
    await expect(
      ws.as(ws.supervisor).presence.setAgentStatus({ workspaceId: ws.workspaceId, userId: ws.admin, status: "offline" }),
    ).rejects.toThrow("You cannot change the status of someone with a higher role than yours.");
    await expect(
      ws.as(ws.admin).presence.setAgentStatus({ workspaceId: ws.workspaceId, userId: other.agent, status: "offline" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await statusOf(other.workspaceId, other.agent)).status).toBe("offline");
    await ws
      .as(ws.owner)
      .presence.setAgentStatus({ workspaceId: ws.workspaceId, userId: ws.admin, status: "away", awayReason: "Meeting" });
    expect(await statusOf(ws.workspaceId, ws.admin)).toEqual({ status: "away", awayReason: "Meeting", statusCause: "admin" });
  });
});

describe("presence.heartbeat", () => {
  it("brings the caller online as Not ready and tells the console their status", async () => {
    const ws = await team();
    expect(await ws.as(ws.agent).presence.heartbeat({ workspaceId: ws.workspaceId, active: true })).toEqual({
      status: "not_ready",
      awayReason: null,
      statusCause: "presence",
    });
  });
});

describe("presence.board and statusLog", () => {
  it("shows each agent's status, open and pinned sessions and capacity, and each project's queue", async () => {
    const ws = await team();
    const project = { id: ws.project.id, workspaceId: ws.workspaceId };
    const [mine, pinned, waiting] = await Promise.all([
      seedConversation(project),
      seedConversation(project),
      seedConversation(project),
    ]);
    await db
      .update(sessions)
      .set({ assignedUserId: ws.agent, queuedAt: null })
      .where(sql`${sessions.id} in (${mine.session.id}, ${pinned.session.id})`);
    await db
      .update(sessions)
      .set({ pinnedAt: sql`now()` })
      .where(eq(sessions.id, pinned.session.id));
    await ws.as(ws.agent).presence.setMyStatus({ workspaceId: ws.workspaceId, status: "away", awayReason: "Training" });
    const marketer = await addMember(ws.workspaceId, "marketer", "Mark Marketer");

    const board = await ws.as(ws.supervisor).presence.board({ workspaceId: ws.workspaceId });
    const ann = board.agents.find((a) => a.userId === ws.agent);
    expect(ann).toMatchObject({
      name: "Ann Agent",
      role: "agent",
      status: "away",
      awayReason: "Training",
      capacity: 5,
      openSessions: 2,
      pinnedSessions: 1,
    });
    expect(ann!.statusChangedAt).toBeInstanceOf(Date);
    expect(board.agents.map((a) => a.userId)).not.toContain(marketer);
    expect(board.agents).toHaveLength(4);
    expect(board.queues).toEqual([
      { projectId: ws.project.id, name: ws.project.name, waiting: 1, oldestWaitingSince: expect.any(Date) as Date },
    ]);
    void waiting;
  });

  it("is for owners, admins and supervisors only", async () => {
    const ws = await team();
    await expect(ws.as(ws.agent).presence.board({ workspaceId: ws.workspaceId })).rejects.toThrow(
      /^Only owners, admins and supervisors can /,
    );
    await expect(ws.as(ws.agent).presence.statusLog({ workspaceId: ws.workspaceId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("pages through the status log, newest first", async () => {
    const ws = await team();
    const agent = ws.as(ws.agent);
    for (const status of ["available", "busy", "not_ready"] as const) {
      await agent.presence.setMyStatus({ workspaceId: ws.workspaceId, status });
    }
    const supervisor = ws.as(ws.supervisor);
    const first = await supervisor.presence.statusLog({ workspaceId: ws.workspaceId, limit: 2 });
    expect(first.entries.map((e) => e.toStatus)).toEqual(["not_ready", "busy"]);
    const second = await supervisor.presence.statusLog({ workspaceId: ws.workspaceId, limit: 2, cursor: first.nextCursor! });
    expect(second.entries.map((e) => e.toStatus)).toEqual(["available"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("Settings → Agent status", () => {
  it("sets the idle timeout within 1–240 minutes, owners and admins only", async () => {
    const ws = await team();
    const admin = ws.as(ws.admin);
    expect(await admin.presence.setIdleTimeout({ workspaceId: ws.workspaceId, minutes: 30 })).toBe(30);
    expect((await ws.as(ws.agent).presence.settings({ workspaceId: ws.workspaceId })).idleTimeoutMinutes).toBe(30);
    await expect(admin.presence.setIdleTimeout({ workspaceId: ws.workspaceId, minutes: 0 })).rejects.toThrow(
      "The idle timeout is at least 1 minute.",
    );
    await expect(admin.presence.setIdleTimeout({ workspaceId: ws.workspaceId, minutes: 241 })).rejects.toThrow(
      "The idle timeout is at most 240 minutes (4 hours).",
    );
    await expect(ws.as(ws.supervisor).presence.setIdleTimeout({ workspaceId: ws.workspaceId, minutes: 10 })).rejects.toThrow(
      /^Only owners and admins can /,
    );
    expect((await admin.presence.settings({ workspaceId: ws.workspaceId })).idleTimeoutMinutes).toBe(30);
  });

  it("adds and deletes Away reasons: 1–60 characters, unique regardless of case, never a built-in one", async () => {
    const ws = await team();
    const other = await team();
    const owner = ws.as(ws.owner);
    const added = await owner.presence.addAwayReason({ workspaceId: ws.workspaceId, label: "  Team huddle " });
    expect(added).toMatchObject({ label: "Team huddle", builtIn: false });
    await expect(owner.presence.addAwayReason({ workspaceId: ws.workspaceId, label: "TEAM HUDDLE" })).rejects.toThrow(
      'There is already a reason called "TEAM HUDDLE".',
    );
    await expect(owner.presence.addAwayReason({ workspaceId: ws.workspaceId, label: "lunch Break" })).rejects.toThrow(
      "That reason is built in already.",
    );
    await expect(owner.presence.addAwayReason({ workspaceId: ws.workspaceId, label: "   " })).rejects.toThrow("Name the reason.");
    await expect(owner.presence.addAwayReason({ workspaceId: ws.workspaceId, label: "x".repeat(61) })).rejects.toThrow(
      "A reason can have at most 60 characters.",
    );
    // The same label in another workspace is that workspace's own business.
    await other.as(other.owner).presence.addAwayReason({ workspaceId: other.workspaceId, label: "Team huddle" });

    await expect(
      other.as(other.owner).presence.deleteAwayReason({ workspaceId: other.workspaceId, reasonId: added.id! }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(ws.as(ws.agent).presence.deleteAwayReason({ workspaceId: ws.workspaceId, reasonId: added.id! })).rejects.toThrow(
      /^Only owners and admins can /,
    );
    await owner.presence.deleteAwayReason({ workspaceId: ws.workspaceId, reasonId: added.id! });
    const { awayReasons } = await owner.presence.settings({ workspaceId: ws.workspaceId });
    expect(awayReasons.every((r) => r.builtIn)).toBe(true);
    expect((await other.as(other.owner).presence.settings({ workspaceId: other.workspaceId })).awayReasons.at(-1)?.label).toBe(
      "Team huddle",
    );
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { scheduleTimer, secondsFromNow } from "@/db/schedule-timer";
import { memberships, projectAgents, sessionLog, sessions, skillGroupMembers, timers } from "@/db/schema";
import { addMember, placeSession, seedConversation, sessionRow } from "@/server/inbox/test-fixtures";
import { expireTrial, memberWithRole, upgradeToPro } from "@/server/projects/test-fixtures";
import { callerFor, signedUpUser } from "@/server/testing/callers";
import { membershipOf } from "./test-fixtures";

const TRIAL_FULL =
  "Your Trial plan includes 3 seats and all are taken. Remove a member or upgrade in Settings → Plan to add another.";

async function ownerWithProject(label: string) {
  const owner = await signedUpUser(label);
  const project = await owner.caller.projects.create({ workspaceId: owner.workspace.id, name: "Support" });
  return { ...owner, ws: owner.workspace.id, project: { id: project.id, workspaceId: owner.workspace.id } };
}

describe("the member list", () => {
  it("shows role, agent status, open sessions, capacity and permissions; supervisors may look, agents may not", async () => {
    const owner = await ownerWithProject("roster");
    const agentId = await addMember(owner.ws, "agent", "Alice Agent");
    const supervisorId = await addMember(owner.ws, "supervisor", "Sam Supervisor");
    for (let i = 0; i < 2; i++) {
      const { session } = await seedConversation(owner.project);
      await placeSession(session.id, agentId);
    }
    const closed = await seedConversation(owner.project);
    await placeSession(closed.session.id, agentId);
    await database().update(sessions).set({ status: "closed", closedAt: new Date() }).where(eq(sessions.id, closed.session.id));

    const roster = await callerFor(supervisorId).team.roster({ workspaceId: owner.ws });
    expect(roster.members.map((m) => [m.role, m.name])).toEqual([
      ["owner", "roster"],
      ["supervisor", "Sam Supervisor"],
      ["agent", "Alice Agent"],
    ]);
    expect(roster.members.find((m) => m.userId === agentId)).toMatchObject({
      status: "offline",
      openSessions: 2,
      capacity: 5,
      mayTransfer: true,
      mayViewAll: false,
    });
    expect(roster.seats).toEqual({ used: 3, pending: 0, quota: 3, planLabel: "Trial" });
    await expect(callerFor(agentId).team.roster({ workspaceId: owner.ws })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^Only owners, admins and supervisors can /),
    });
    // The light list for pickers is open to every member.
    expect(await callerFor(agentId).team.members({ workspaceId: owner.ws })).toEqual([
      { id: owner.userId, name: "roster", role: "owner" },
      { id: supervisorId, name: "Sam Supervisor", role: "supervisor" },
      { id: agentId, name: "Alice Agent", role: "agent" },
    ]);
  });
});

describe("roles", () => {
  it("nobody changes or removes the owner; only the owner makes, changes or removes admins", async () => {
    const owner = await signedUpUser("role-rules");
    const ws = owner.workspace.id;
    await upgradeToPro(ws);
    const admin = await memberWithRole(ws, "admin");
    const otherAdmin = await addMember(ws, "admin");
    const agent = await addMember(ws, "agent");

    for (const attempt of [
      () => admin.caller.team.changeRole({ workspaceId: ws, userId: owner.userId, role: "agent" }),
      () => owner.caller.team.changeRole({ workspaceId: ws, userId: owner.userId, role: "admin" }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN", message: "Nobody can change the workspace owner." });
    }
    await expect(admin.caller.team.remove({ workspaceId: ws, userId: owner.userId })).rejects.toMatchObject({
      message: "Nobody can remove the workspace owner.",
    });
    await expect(admin.caller.team.changeRole({ workspaceId: ws, userId: agent, role: "admin" })).rejects.toMatchObject({
      message: "Only the owner can make someone an admin.",
    });
    await expect(admin.caller.team.changeRole({ workspaceId: ws, userId: otherAdmin, role: "agent" })).rejects.toMatchObject({
      message: "Only the owner can change an admin.",
    });
    await expect(admin.caller.team.remove({ workspaceId: ws, userId: otherAdmin })).rejects.toMatchObject({
      message: "Only the owner can remove an admin.",
    });
    await expect(
      owner.caller.team.changeRole({ workspaceId: ws, userId: agent, role: "owner" as "admin" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await admin.caller.team.changeRole({ workspaceId: ws, userId: agent, role: "supervisor" });
    expect(await membershipOf(ws, agent)).toMatchObject({ role: "supervisor" });
    await owner.caller.team.changeRole({ workspaceId: ws, userId: agent, role: "admin" });
    await owner.caller.team.changeRole({ workspaceId: ws, userId: otherAdmin, role: "agent" });
    expect(await membershipOf(ws, agent)).toMatchObject({ role: "admin" });
    expect(await membershipOf(ws, otherAdmin)).toMatchObject({ role: "agent" });

    const supervisor = await memberWithRole(ws, "supervisor");
    await expect(
      supervisor.caller.team.changeRole({ workspaceId: ws, userId: otherAdmin, role: "marketer" }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^Only owners and admins can /),
    });
    // Someone from another workspace is not found here.
    const stranger = await signedUpUser("role-stranger");
    await expect(owner.caller.team.changeRole({ workspaceId: ws, userId: stranger.userId, role: "agent" })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
        message: "This person is not a member of the workspace.",
      },
    );
  });

  it("a marketer becoming a seat role needs a free seat; becoming a marketer frees one and leaves skill groups", async () => {
    const owner = await signedUpUser("role-seats");
    const ws = owner.workspace.id;
    const marketer = await addMember(ws, "marketer");
    const agent = await addMember(ws, "agent");
    await addMember(ws, "agent");
    await expect(owner.caller.team.changeRole({ workspaceId: ws, userId: marketer, role: "agent" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: TRIAL_FULL,
    });
    expect(await membershipOf(ws, marketer)).toMatchObject({ role: "marketer" });

    const group = await owner.caller.team.createSkillGroup({ workspaceId: ws, name: "Billing" });
    await owner.caller.team.addSkillGroupMember({ workspaceId: ws, skillGroupId: group.id, userId: agent });
    await database()
      .update(memberships)
      .set({ status: "available" })
      .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, agent)));
    await owner.caller.team.changeRole({ workspaceId: ws, userId: agent, role: "marketer" });
    expect(await membershipOf(ws, agent)).toMatchObject({ role: "marketer", status: "offline", statusCause: "admin" });
    expect(await owner.caller.team.skillGroups({ workspaceId: ws })).toEqual([{ id: group.id, name: "Billing", memberIds: [] }]);
    await owner.caller.team.changeRole({ workspaceId: ws, userId: marketer, role: "agent" });
    expect((await owner.caller.team.roster({ workspaceId: ws })).seats).toMatchObject({ used: 3, quota: 3 });
  });
});

describe("capacity and permissions", () => {
  it("takes a capacity of 1 to 50 and the two permissions", async () => {
    const owner = await signedUpUser("capacity");
    const ws = owner.workspace.id;
    const agent = await addMember(ws, "agent");
    for (const [capacity, message] of [
      [0, "Capacity must be at least 1 session."],
      [51, "Capacity must be at most 50 sessions."],
      [2.5, "Capacity must be a whole number from 1 to 50."],
    ] as const) {
      await expect(owner.caller.team.setCapacity({ workspaceId: ws, userId: agent, capacity })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message,
      });
    }
    await owner.caller.team.setCapacity({ workspaceId: ws, userId: agent, capacity: 50 });
    await owner.caller.team.setPermissions({ workspaceId: ws, userId: agent, mayViewAll: true });
    await owner.caller.team.setPermissions({ workspaceId: ws, userId: agent, mayTransfer: false });
    expect(await membershipOf(ws, agent)).toMatchObject({ capacity: 50, mayViewAll: true, mayTransfer: false });
    await expect(callerFor(agent).team.setCapacity({ workspaceId: ws, userId: agent, capacity: 9 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const stranger = await signedUpUser("capacity-stranger");
    await expect(owner.caller.team.setCapacity({ workspaceId: ws, userId: stranger.userId, capacity: 3 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await membershipOf(stranger.workspace.id, stranger.userId)).toMatchObject({ capacity: 5 });
  });
});

describe("removing a member", () => {
  it("deletes the membership with their skill groups, project scopes and timers", async () => {
    const owner = await ownerWithProject("remove-clean");
    const agent = await addMember(owner.ws, "agent");
    const group = await owner.caller.team.createSkillGroup({ workspaceId: owner.ws, name: "VIP" });
    await owner.caller.team.addSkillGroupMember({ workspaceId: owner.ws, skillGroupId: group.id, userId: agent });
    await database().insert(projectAgents).values({ workspaceId: owner.ws, projectId: owner.project.id, userId: agent });
    await database().transaction((tx) =>
      scheduleTimer(tx, { workspaceId: owner.ws, kind: "idle", userId: agent, dueAt: secondsFromNow(600) }),
    );

    await owner.caller.team.remove({ workspaceId: owner.ws, userId: agent });
    expect(await membershipOf(owner.ws, agent)).toBeNull();
    expect(await database().select().from(skillGroupMembers).where(eq(skillGroupMembers.userId, agent))).toEqual([]);
    expect(await database().select().from(projectAgents).where(eq(projectAgents.userId, agent))).toEqual([]);
    expect(await database().select().from(timers).where(eq(timers.userId, agent))).toEqual([]);
    expect(await callerFor(agent).workspace.list()).toEqual([]);
    await expect(callerFor(agent).team.members({ workspaceId: owner.ws })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("puts each of their open sessions back in the queue, with the reason in the session log, and routing runs again", async () => {
    const owner = await ownerWithProject("remove-requeue");
    const agent = await addMember(owner.ws, "agent");
    const other = await addMember(owner.ws, "agent");
    const [mine1, mine2, theirs] = [
      await seedConversation(owner.project),
      await seedConversation(owner.project),
      await seedConversation(owner.project),
    ];
    await placeSession(mine1.session.id, agent, { accepted: true });
    await placeSession(mine2.session.id, agent);
    await placeSession(theirs.session.id, other);

    await owner.caller.team.remove({ workspaceId: owner.ws, userId: agent });
    for (const { session } of [mine1, mine2]) {
      const log = await database()
        .select()
        .from(sessionLog)
        .where(and(eq(sessionLog.sessionId, session.id), eq(sessionLog.kind, "returned")));
      expect(log).toEqual([expect.objectContaining({ actorUserId: owner.userId, fromUserId: agent, reason: "Member removed" })]);
      // Routing ran after commit: the session waits in the queue or went to someone still in the workspace.
      const row = await sessionRow(session.id);
      expect(row.status).toBe("open");
      expect([null, owner.userId, other]).toContain(row.assignedUserId);
      expect(row.assignedUserId === null).toBe(row.queuedAt !== null);
    }
    expect(await sessionRow(theirs.session.id)).toMatchObject({ assignedUserId: other });
    expect(await membershipOf(owner.ws, agent)).toBeNull();
  });
});

describe("an expired plan", () => {
  it("keeps the team readable and refuses every change", async () => {
    const owner = await signedUpUser("team-expired");
    const ws = owner.workspace.id;
    const agent = await addMember(ws, "agent");
    const group = await owner.caller.team.createSkillGroup({ workspaceId: ws, name: "Tier 2" });
    await expireTrial(ws);
    const roster = await owner.caller.team.roster({ workspaceId: ws });
    expect(roster).toMatchObject({ readOnly: true, seats: { used: 2, quota: 3 } });
    expect(await owner.caller.team.skillGroups({ workspaceId: ws })).toHaveLength(1);
    for (const attempt of [
      () => owner.caller.team.changeRole({ workspaceId: ws, userId: agent, role: "supervisor" }),
      () => owner.caller.team.setCapacity({ workspaceId: ws, userId: agent, capacity: 2 }),
      () => owner.caller.team.setPermissions({ workspaceId: ws, userId: agent, mayViewAll: true }),
      () => owner.caller.team.remove({ workspaceId: ws, userId: agent }),
      () => owner.caller.team.createSkillGroup({ workspaceId: ws, name: "New" }),
      () => owner.caller.team.renameSkillGroup({ workspaceId: ws, skillGroupId: group.id, name: "New" }),
      () => owner.caller.team.addSkillGroupMember({ workspaceId: ws, skillGroupId: group.id, userId: agent }),
      () => owner.caller.team.deleteSkillGroup({ workspaceId: ws, skillGroupId: group.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("plan has expired") });
    }
    expect(await membershipOf(ws, agent)).toMatchObject({ role: "agent", capacity: 5, mayViewAll: false });
  });
});

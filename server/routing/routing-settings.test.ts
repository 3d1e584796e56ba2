import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { DEFAULT_QUEUE_MESSAGE, DEFAULT_QUEUE_NEXT_MESSAGE, memberships, projectAgents, users, workspaces } from "@/db/schema";
import { uniqueEmail } from "@/db/test-helpers";
import { callerFor, signedUpUser } from "@/server/testing/callers";
import type { Role } from "@/server/workspaces/roles";
import { queueMessageText } from "./queue-message";
import type { RoutingSettingsInput } from "./routing-settings-input";

type Owner = Awaited<ReturnType<typeof signedUpUser>>;

async function member(workspaceId: string, role: Role) {
  const [user] = await database()
    .insert(users)
    .values({ name: `${role} person`, email: uniqueEmail(role) })
    .returning({ id: users.id });
  await database().insert(memberships).values({ workspaceId, userId: user!.id, role });
  return { userId: user!.id, caller: callerFor(user!.id) };
}

async function failure(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

const valid: RoutingSettingsInput = {
  routingRule: "online_first",
  agentScope: "all",
  agentIds: [],
  routingStrategy: "least_loaded",
  stickyCustomers: false,
  queueMessage: "Ahead of you: {people}. Your number is {position}.",
  queueNextMessage: "You are next, hold on!",
  graceMinutes: 7,
  acceptMinutes: 2,
  firstResponseMinutes: 15,
};

describe("routing settings", () => {
  let owner: Owner;
  let projectId: string;
  let workspaceId: string;

  beforeAll(async () => {
    owner = await signedUpUser("routing-owner");
    workspaceId = owner.workspace.id;
    projectId = (await owner.caller.projects.create({ workspaceId, name: "Support" })).id;
  });

  it("start from the defaults and list the seat members who can be picked", async () => {
    const marketer = await member(workspaceId, "marketer");
    const read = await owner.caller.routing.settings({ workspaceId, projectId });
    expect(read.settings).toMatchObject({
      routingRule: "round_robin",
      agentScope: "all",
      routingStrategy: "rotation",
      stickyCustomers: true,
      graceMinutes: 5,
      acceptMinutes: 3,
      firstResponseMinutes: 10,
      agentIds: [],
    });
    expect(read.settings.queueMessage).toBe(DEFAULT_QUEUE_MESSAGE);
    expect(read.settings.queueNextMessage).toBe(DEFAULT_QUEUE_NEXT_MESSAGE);
    // The defaults read right for the customer at the front, the second one, and further back.
    expect([0, 1, 3].map((ahead) => queueMessageText(read.settings, ahead))).toEqual([
      "All our agents are busy right now. You are next in line — we will answer as soon as we can.",
      "All our agents are busy right now. You have 1 person ahead of you — we will answer as soon as we can.",
      "All our agents are busy right now. You have 3 people ahead of you — we will answer as soon as we can.",
    ]);
    const ids = read.members.map((m) => m.userId);
    expect(ids).toContain(owner.userId);
    expect(ids).not.toContain(marketer.userId);
  });

  it("an owner saves every setting, including specific agents, and reads them back", async () => {
    const agent = await member(workspaceId, "agent");
    await owner.caller.routing.update({
      workspaceId,
      projectId,
      settings: { ...valid, agentScope: "specific", agentIds: [agent.userId, agent.userId] },
    });
    const read = await owner.caller.routing.settings({ workspaceId, projectId });
    expect(read.settings).toEqual({ ...valid, agentScope: "specific", agentIds: [agent.userId] });

    const overview = await owner.caller.routing.overview({ workspaceId });
    expect(overview.find((p) => p.id === projectId)).toMatchObject({
      routingRule: "online_first",
      agentScope: "specific",
      agents: 1,
    });

    // Back to all agents: the picked list is replaced too.
    await owner.caller.routing.update({ workspaceId, projectId, settings: valid });
    expect((await owner.caller.routing.settings({ workspaceId, projectId })).settings).toEqual(valid);
  });

  it("takes a queue message with either placeholder, trimmed", async () => {
    for (const queueMessage of ["You are number {position} in line.", "Ahead of you: {people}."]) {
      await owner.caller.routing.update({
        workspaceId,
        projectId,
        settings: { ...valid, queueMessage: `  ${queueMessage} `, queueNextMessage: " Next! " },
      });
      const { settings } = await owner.caller.routing.settings({ workspaceId, projectId });
      expect([settings.queueMessage, settings.queueNextMessage]).toEqual([queueMessage, "Next!"]);
    }
  });

  it("refuses settings a person could get wrong, naming the field", async () => {
    const cases: Array<[Partial<RoutingSettingsInput>, string | RegExp, string]> = [
      [{ queueMessage: "Please wait." }, /Keep \{people\} or \{position\} in the message/, "queueMessage"],
      [{ queueMessage: `{position} ${"x".repeat(1000)}` }, /at most 1000 characters/, "queueMessage"],
      [{ queueMessage: "   " }, "Write the queue message.", "queueMessage"],
      [{ queueNextMessage: "  " }, "Write the next-in-line message.", "queueNextMessage"],
      [{ queueNextMessage: "x".repeat(1001) }, "The next-in-line message must be at most 1000 characters.", "queueNextMessage"],
      [{ queueNextMessage: "{people} ahead of you" }, /Leave \{people\} and \{position\} out/, "queueNextMessage"],
      [{ queueNextMessage: "You are number {position}" }, /Leave \{people\} and \{position\} out/, "queueNextMessage"],
      [{ graceMinutes: 0 }, "The grace period must be at least 1 minute.", "graceMinutes"],
      [{ acceptMinutes: 1441 }, /at most 1440 minutes/, "acceptMinutes"],
      [{ firstResponseMinutes: 2.5 }, /whole number/, "firstResponseMinutes"],
      [{ agentScope: "specific", agentIds: [] }, "Pick at least one agent, or route to all agents.", "agentIds"],
    ];
    for (const [change, message, field] of cases) {
      const error = await failure(owner.caller.routing.update({ workspaceId, projectId, settings: { ...valid, ...change } }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(message);
      expect(JSON.stringify(error.cause)).toContain(field);
    }
  });

  it("refuses agents of another workspace and keeps the project as it was", async () => {
    const other = await signedUpUser("routing-other");
    const error = await failure(
      owner.caller.routing.update({
        workspaceId,
        projectId,
        settings: { ...valid, agentScope: "specific", agentIds: [other.userId] },
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/not a member of this workspace/);
    const rows = await database().select().from(projectAgents).where(eq(projectAgents.projectId, projectId));
    expect(rows.map((r) => r.userId)).not.toContain(other.userId);
  });

  it("never reads or changes another workspace's project", async () => {
    const other = await signedUpUser("routing-tenant");
    const theirs = (await other.caller.projects.create({ workspaceId: other.workspace.id, name: "Theirs" })).id;
    const read = await failure(owner.caller.routing.settings({ workspaceId, projectId: theirs }));
    expect([read.code, read.message]).toEqual(["NOT_FOUND", "Project not found."]);
    const write = await failure(owner.caller.routing.update({ workspaceId, projectId: theirs, settings: valid }));
    expect([write.code, write.message]).toEqual(["NOT_FOUND", "Project not found."]);
    expect(
      (await other.caller.routing.settings({ workspaceId: other.workspace.id, projectId: theirs })).settings.routingRule,
    ).toBe("round_robin");
    expect((await owner.caller.routing.overview({ workspaceId })).map((p) => p.id)).not.toContain(theirs);
  });

  it("supervisors read but do not change; agents and marketers see nothing", async () => {
    const supervisor = await member(workspaceId, "supervisor");
    expect((await supervisor.caller.routing.settings({ workspaceId, projectId })).project.id).toBe(projectId);
    const change = await failure(supervisor.caller.routing.update({ workspaceId, projectId, settings: valid }));
    expect(change.code).toBe("FORBIDDEN");
    for (const role of ["agent", "marketer"] as const) {
      const someone = await member(workspaceId, role);
      expect((await failure(someone.caller.routing.settings({ workspaceId, projectId }))).code).toBe("FORBIDDEN");
      expect((await failure(someone.caller.routing.escalations({ workspaceId }))).code).toBe("FORBIDDEN");
    }
  });

  it("an expired plan keeps the settings read-only", async () => {
    const expired = await signedUpUser("routing-expired");
    const id = (await expired.caller.projects.create({ workspaceId: expired.workspace.id, name: "Old" })).id;
    await database()
      .update(workspaces)
      .set({ trialEndsAt: new Date(Date.now() - 1000) })
      .where(eq(workspaces.id, expired.workspace.id));
    const error = await failure(
      expired.caller.routing.update({ workspaceId: expired.workspace.id, projectId: id, settings: valid }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/plan has expired/);
    expect(
      (await expired.caller.routing.settings({ workspaceId: expired.workspace.id, projectId: id })).settings.routingRule,
    ).toBe("round_robin");
  });
});

import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { lockWorkspaceRouting } from "@/db/routing-lock";
import {
  contacts,
  memberships,
  messages,
  projectAgents,
  projects,
  sessionLog,
  sessions,
  skillGroupMembers,
  skillGroups,
  timers,
  workspaces,
} from "@/db/schema";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { updateGraceTimers } from "@/server/presence/grace-period";
import { deliver, newCustomer, textUpdate, type Customer } from "@/server/telegram/test-fixtures";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { assignSession, returnToQueue } from "./assignment";
import { addAgents, openLoads, type AgentSpec } from "./test-fixtures";
import { wakeRouting } from "./wake";

type Seed = Awaited<ReturnType<typeof seedConnectedProject>>;

const QUEUE_MESSAGE = "Please wait: {people} ahead of you (#{position}).";
const NEXT_MESSAGE = "You are next in line.";

/** A project whose owner takes no sessions (capacity 0), so only the agents a test adds are routed to. */
async function seedProject(agents: AgentSpec[], settings: Partial<typeof projects.$inferInsert> = {}) {
  const db = database();
  const seed = await seedConnectedProject();
  await db.update(memberships).set({ capacity: 0 }).where(eq(memberships.workspaceId, seed.workspace.id));
  await db
    .update(projects)
    .set({ queueMessage: QUEUE_MESSAGE, queueNextMessage: NEXT_MESSAGE, ...settings })
    .where(eq(projects.id, seed.project.id));
  const agentIds = await addAgents(db, seed.workspace.id, agents);
  return { seed, agentIds };
}

/** A customer's message through the webhook handler; resolves once the routing it triggered has run. */
async function send(seed: Seed, customer: Customer, text = "Hello, I need help") {
  const response = await deliver(seed, textUpdate(customer, text), { route: true });
  expect(response.status).toBe(200);
  const [row] = await database()
    .select()
    .from(sessions)
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .where(and(eq(contacts.projectId, seed.project.id), eq(contacts.telegramUserId, customer.id), eq(sessions.status, "open")));
  return row!.sessions;
}

function logOf(sessionId: string) {
  return database().select().from(sessionLog).where(eq(sessionLog.sessionId, sessionId)).orderBy(asc(sessionLog.id));
}

function timersOf(sessionId: string) {
  return database()
    .select({ kind: timers.kind, userId: timers.userId, dueAt: timers.dueAt })
    .from(timers)
    .where(eq(timers.sessionId, sessionId))
    .orderBy(asc(timers.kind));
}

function botMessages(sessionId: string) {
  return database()
    .select({ text: messages.text })
    .from(messages)
    .where(and(eq(messages.sessionId, sessionId), eq(messages.author, "bot")))
    .orderBy(asc(messages.id))
    .then((rows) => rows.map((row) => row.text));
}

let published: BusEvent[] = [];
let unsubscribe = () => {};
beforeEach(() => {
  published = [];
  unsubscribe = eventBus().subscribe((event) => published.push(event));
});
afterEach(() => unsubscribe());

describe("routing a new customer", () => {
  it("assigns by round robin, logs the decision, remembers the agent and sets the deadlines", async () => {
    const { seed, agentIds } = await seedProject([{ status: "offline" }, { status: "available" }]);
    const before = Date.now();
    const session = await send(seed, newCustomer());

    // Round robin ignores online status: the two agents were never assigned, so the lower user id goes first.
    const first = [...agentIds].sort()[0]!;
    expect(session.assignedUserId).toBe(first);
    expect(session.queuedAt).toBeNull();
    expect(session.assignedAt).not.toBeNull();

    const [log] = await logOf(session.id);
    expect(log).toMatchObject({ kind: "assigned", rule: "round_robin", candidates: 2, toUserId: first, actorUserId: null });
    expect(log!.reason).toBe("Round robin: longest without a new session among 2 candidates");

    const [contact] = await database().select().from(contacts).where(eq(contacts.id, session.contactId));
    expect(contact!.lastAgentUserId).toBe(first);
    const [member] = await database()
      .select({ lastAssignedAt: memberships.lastAssignedAt })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, seed.workspace.id), eq(memberships.userId, first)));
    expect(member!.lastAssignedAt).not.toBeNull();

    const due = await timersOf(session.id);
    expect(due.map((t) => [t.kind, t.userId])).toEqual([
      ["accept", first],
      ["first_response", null],
    ]);
    const minutes = (date: Date) => (date.getTime() - before) / 60_000;
    expect(minutes(due[0]!.dueAt)).toBeGreaterThan(2.9); // accept_minutes 3
    expect(minutes(due[0]!.dueAt)).toBeLessThan(3.2);
    expect(minutes(due[1]!.dueAt)).toBeGreaterThan(9.9); // first_response_minutes 10
    expect(minutes(due[1]!.dueAt)).toBeLessThan(10.2);

    expect(published).toContainEqual({
      type: "session.assigned",
      workspaceId: seed.workspace.id,
      sessionId: session.id,
      userId: first,
    });
    expect(published).toContainEqual({ type: "agent.updated", workspaceId: seed.workspace.id, userId: first });
    expect(published).toContainEqual({ type: "queue.updated", workspaceId: seed.workspace.id, projectId: seed.project.id });
    expect(await botMessages(session.id)).toEqual([]);
  });

  it("takes turns: the next customer goes to the agent who waited longest, a returning customer to their last agent", async () => {
    const { seed, agentIds } = await seedProject([{}, {}, {}], { stickyCustomers: true });
    const order = [...agentIds].sort();
    const customers = [newCustomer(), newCustomer(), newCustomer(), newCustomer()];
    const given = [];
    for (const customer of customers) given.push((await send(seed, customer)).assignedUserId);
    expect(given).toEqual([order[0], order[1], order[2], order[0]]);

    // The first customer comes back after their session was closed: sticky, although order[1] waited longer.
    await database()
      .update(sessions)
      .set({ status: "closed", closedAt: new Date() })
      .where(eq(sessions.contactId, (await send(seed, customers[0]!)).contactId));
    const again = await send(seed, customers[0]!, "Me again");
    expect(again.assignedUserId).toBe(order[0]);
    expect((await logOf(again.id))[0]).toMatchObject({ kind: "assigned", rule: "sticky" });
    expect((await logOf(again.id))[0]!.reason).toMatch(/^Returning customer: back to their last agent/);
  });

  it("a second message of a session opens no second first-response deadline and assigns nothing twice", async () => {
    const { seed } = await seedProject([{}]);
    const customer = newCustomer();
    const first = await send(seed, customer);
    const dueBefore = await timersOf(first.id);
    const second = await send(seed, customer, "Anyone?");
    expect(second.id).toBe(first.id);
    expect(await timersOf(first.id)).toEqual(dueBefore);
    expect((await logOf(first.id)).filter((row) => row.kind === "assigned")).toHaveLength(1);
  });

  it("online first prefers an available agent and logs its fallback when nobody is", async () => {
    const { seed, agentIds } = await seedProject([{ status: "offline" }, { status: "available" }], {
      routingRule: "online_first",
    });
    const online = await send(seed, newCustomer());
    expect(online.assignedUserId).toBe(agentIds[1]);
    expect((await logOf(online.id))[0]).toMatchObject({ rule: "online_first", candidates: 1 });

    await database().update(memberships).set({ status: "away" }).where(eq(memberships.userId, agentIds[1]!));
    const fallback = await send(seed, newCustomer());
    // Both are in the round-robin set; the offline agent was never assigned, so it is their turn.
    expect(fallback.assignedUserId).toBe(agentIds[0]);
    expect((await logOf(fallback.id))[0]).toMatchObject({ rule: "online_first→round_robin", candidates: 2 });
  });

  it("sends a skill group's session to its members, and ignores a group nobody is in", async () => {
    const { seed, agentIds } = await seedProject([{}, {}]);
    const db = database();
    const [billing] = await db.insert(skillGroups).values({ workspaceId: seed.workspace.id, name: "Billing" }).returning();
    const [empty] = await db.insert(skillGroups).values({ workspaceId: seed.workspace.id, name: "Nobody" }).returning();
    const member = [...agentIds].sort()[1]!; // not the agent rotation would pick first
    await db.insert(skillGroupMembers).values({ workspaceId: seed.workspace.id, skillGroupId: billing!.id, userId: member });

    const customer = newCustomer();
    // The session exists and waits (no wake yet), then a link sets its group, then routing runs.
    expect((await deliver(seed, textUpdate(customer, "Invoice?"))).status).toBe(200);
    await db.update(sessions).set({ skillGroupId: billing!.id }).where(eq(sessions.projectId, seed.project.id));
    await wakeRouting(db, seed.workspace.id, seed.project.id);
    const [grouped] = await db.select().from(sessions).where(eq(sessions.projectId, seed.project.id));
    expect(grouped!.assignedUserId).toBe(member);
    expect((await logOf(grouped!.id))[0]).toMatchObject({ candidates: 1 });

    const other = newCustomer();
    await deliver(seed, textUpdate(other, "Hi"));
    await db
      .update(sessions)
      .set({ skillGroupId: empty!.id })
      .where(and(eq(sessions.projectId, seed.project.id), sql`${sessions.assignedUserId} is null`));
    await wakeRouting(db, seed.workspace.id, seed.project.id);
    const loads = await openLoads(db, seed.workspace.id);
    expect([...loads.values()].sort()).toEqual([1, 1]);
  });

  it("keeps to the project's agent scope", async () => {
    const { seed, agentIds } = await seedProject([{}, {}], { agentScope: "specific" });
    const chosen = [...agentIds].sort()[1]!;
    await database().insert(projectAgents).values({ workspaceId: seed.workspace.id, projectId: seed.project.id, userId: chosen });
    for (let i = 0; i < 2; i++) expect((await send(seed, newCustomer())).assignedUserId).toBe(chosen);
  });
});

describe("the waiting queue", () => {
  it("queues when nobody can take a session, tells each position once, and drains in order when capacity frees", async () => {
    const { seed, agentIds } = await seedProject([
      { capacity: 1 },
      { status: "finishing" },
      { status: "kicked_out" },
      { status: "away", capacity: 0 },
    ]);
    const agent = agentIds[0]!;
    const taken = await send(seed, newCustomer());
    expect(taken.assignedUserId).toBe(agent);

    const customers = [newCustomer(), newCustomer(), newCustomer()];
    const waiting = [];
    for (const customer of customers) waiting.push(await send(seed, customer));
    for (const session of waiting) expect(session.assignedUserId).toBeNull();

    const [queued] = await logOf(waiting[0]!.id);
    expect(queued).toMatchObject({ kind: "queued", candidates: 0, toUserId: null, rule: "round_robin" });
    // The owner (capacity 0 here) counts too.
    expect(queued!.reason).toBe("No agent available: 3 at capacity, 1 finishing, 1 kicked out");
    expect(await botMessages(waiting[0]!.id)).toEqual([NEXT_MESSAGE]);
    expect(await botMessages(waiting[2]!.id)).toEqual(["Please wait: 2 people ahead of you (#2)."]);

    // Waking again changes nothing: no second announcement, no second log row.
    await wakeRouting(database(), seed.workspace.id);
    expect(await botMessages(waiting[0]!.id)).toEqual([NEXT_MESSAGE]);
    expect(await botMessages(waiting[2]!.id)).toEqual(["Please wait: 2 people ahead of you (#2)."]);
    expect(await logOf(waiting[2]!.id)).toHaveLength(1);

    // A message from a waiting customer keeps their place.
    await send(seed, customers[1]!, "Still there?");
    expect(await logOf(waiting[1]!.id)).toHaveLength(1);

    // The agent's session closes: the oldest waiting session is next, the others move up and hear it.
    await database().update(sessions).set({ status: "closed", closedAt: new Date() }).where(eq(sessions.id, taken.id));
    await wakeRouting(database(), seed.workspace.id);
    const [head] = await database().select().from(sessions).where(eq(sessions.id, waiting[0]!.id));
    expect(head!.assignedUserId).toBe(agent);
    expect((await logOf(head!.id)).map((row) => row.kind)).toEqual(["queued", "assigned"]);
    expect(await botMessages(waiting[1]!.id)).toEqual(["Please wait: 1 person ahead of you (#1).", NEXT_MESSAGE]);
    expect(await botMessages(waiting[2]!.id)).toEqual([
      "Please wait: 2 people ahead of you (#2).",
      "Please wait: 1 person ahead of you (#1).",
    ]);
  });

  it("re-announces a moved position only within the first 10; further back a customer hears it once, on entering", async () => {
    const { seed } = await seedProject([{ capacity: 1 }]);
    const taken = await send(seed, newCustomer());
    const waiting = [];
    for (let i = 0; i < 12; i++) waiting.push(await send(seed, newCustomer()));
    await database().update(sessions).set({ status: "closed", closedAt: new Date() }).where(eq(sessions.id, taken.id));
    await wakeRouting(database(), seed.workspace.id, seed.project.id);

    expect(await botMessages(waiting[10]!.id)).toEqual([
      "Please wait: 10 people ahead of you (#10).",
      "Please wait: 9 people ahead of you (#9).",
    ]);
    expect(await botMessages(waiting[11]!.id)).toEqual(["Please wait: 11 people ahead of you (#11)."]);
    const [moved] = await database().select().from(sessions).where(eq(sessions.id, waiting[11]!.id));
    expect(moved!.queueNotifiedPosition).toBe(11);
  });

  it("a session needing a busy skill group waits, and a later session does not jump it", async () => {
    const { seed, agentIds } = await seedProject([{ capacity: 1 }, { capacity: 3 }]);
    const db = database();
    const [group] = await db.insert(skillGroups).values({ workspaceId: seed.workspace.id, name: "VIP" }).returning();
    await db.insert(skillGroupMembers).values({ workspaceId: seed.workspace.id, skillGroupId: group!.id, userId: agentIds[0]! });
    await db.update(memberships).set({ capacity: 0 }).where(eq(memberships.userId, agentIds[0]!));

    const vip = newCustomer();
    await deliver(seed, textUpdate(vip, "VIP"));
    await db.update(sessions).set({ skillGroupId: group!.id }).where(eq(sessions.projectId, seed.project.id));
    const later = await send(seed, newCustomer());
    expect(later.assignedUserId).toBeNull();
    expect((await logOf(later.id))[0]!.reason).toBe("Waiting in line: 1 earlier session of this project is waiting");
    const [first] = await db
      .select()
      .from(sessions)
      .innerJoin(contacts, eq(contacts.id, sessions.contactId))
      .where(eq(contacts.telegramUserId, vip.id));
    expect((await logOf(first!.sessions.id))[0]!.reason).toBe("No agent available: 1 at capacity");

    await db.update(memberships).set({ capacity: 1 }).where(eq(memberships.userId, agentIds[0]!));
    await wakeRouting(db, seed.workspace.id);
    expect(await openLoads(db, seed.workspace.id)).toEqual(
      new Map([
        [agentIds[0]!, 1],
        [agentIds[1]!, 1],
      ]),
    );
  });

  it("assigns nothing on an expired plan; sessions wait with the reason", async () => {
    const { seed } = await seedProject([{}]);
    await database()
      .update(workspaces)
      .set({ trialEndsAt: new Date(Date.now() - 1000) })
      .where(eq(workspaces.id, seed.workspace.id));
    const session = await send(seed, newCustomer());
    expect(session.assignedUserId).toBeNull();
    expect((await logOf(session.id))[0]).toMatchObject({ kind: "queued" });
    expect((await logOf(session.id))[0]!.reason).toMatch(/plan has expired/);
  });
});

describe("assignSession and returnToQueue", () => {
  it("reassigns, transfers and takes over with the right deadlines; returns to the queue and re-routes", async () => {
    const { seed, agentIds } = await seedProject([{}, {}, { role: "supervisor" }]);
    const [a, b, supervisor] = agentIds as [string, string, string];
    const db = database();
    const session = await send(seed, newCustomer());
    const first = session.assignedUserId!;
    const other = first === a ? b : a;
    const ws = seed.workspace.id;
    // Each change runs as the app runs it: in a transaction holding the workspace's routing lock.
    const assign = (toUserId: string, change: Parameters<typeof assignSession>[1]["change"]) =>
      db.transaction(async (tx) => {
        await lockWorkspaceRouting(tx, ws);
        return assignSession(tx, { workspaceId: ws, sessionId: session.id, toUserId, change });
      });
    const giveBack = (reason: string) =>
      db.transaction(async (tx) => {
        await lockWorkspaceRouting(tx, ws);
        return returnToQueue(tx, { workspaceId: ws, sessionId: session.id, actorUserId: null, reason });
      });

    const moved = await assign(other, { kind: "transferred", actorUserId: first, reason: "Billing question, over to you" });
    expect(moved).toContainEqual({ type: "agent.updated", workspaceId: ws, userId: first });
    let [row] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(row).toMatchObject({ assignedUserId: other, transferredFromUserId: first });
    expect((await timersOf(session.id)).map((t) => [t.kind, t.userId])).toEqual([
      ["transfer", null],
      ["first_response", null],
    ]);
    expect((await logOf(session.id)).at(-1)).toMatchObject({
      kind: "transferred",
      rule: "manual",
      actorUserId: first,
      fromUserId: first,
      toUserId: other,
      reason: "Billing question, over to you",
    });

    await assign(supervisor, { kind: "taken_over", actorUserId: supervisor, reason: "" });
    expect((await timersOf(session.id)).map((t) => t.kind)).toEqual(["first_response"]);

    await assign(a, { kind: "reassigned", actorUserId: supervisor, reason: "" });
    expect((await timersOf(session.id)).map((t) => [t.kind, t.userId])).toEqual([
      ["accept", a],
      ["first_response", null],
    ]);

    // An assignment of a session someone already works is refused with words a person can act on.
    await expect(assign(b, { kind: "assigned", actorUserId: supervisor, reason: "" })).rejects.toThrow(
      /Someone else was given this session/,
    );
    const stranger = (await seedConnectedProject()).owner.id;
    await expect(assign(stranger, { kind: "reassigned", actorUserId: supervisor, reason: "" })).rejects.toThrow(
      /not an agent of this workspace/,
    );

    const returned = await giveBack("Kicked out: not opened in time");
    expect(returned).toContainEqual({ type: "queue.updated", workspaceId: ws, projectId: seed.project.id });
    [row] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(row).toMatchObject({ assignedUserId: null, acceptedAt: null, queueNotifiedPosition: null });
    expect(row!.queuedAt).not.toBeNull();
    expect((await timersOf(session.id)).map((t) => t.kind)).toEqual(["first_response"]);
    expect((await logOf(session.id)).at(-1)).toMatchObject({
      kind: "returned",
      fromUserId: a,
      reason: "Kicked out: not opened in time",
    });

    // Returning again is a no-op; the wake gives it to whoever's turn it is now.
    expect(await giveBack("again")).toEqual([]);
    await wakeRouting(db, ws, seed.project.id);
    [row] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    // Sticky (the project default): the customer goes back to the agent who worked them last.
    expect(row!.assignedUserId).toBe(a);
    expect((await logOf(session.id)).at(-1)).toMatchObject({ kind: "assigned", rule: "sticky", toUserId: a });
  });
});

describe("agent status hooks", () => {
  it("an agent who goes Away gets a grace deadline per open session, cancelled when they are back", async () => {
    const { seed, agentIds } = await seedProject([{}], { graceMinutes: 7 });
    const [agent] = agentIds as [string];
    const sessionsOf = [await send(seed, newCustomer()), await send(seed, newCustomer())];
    const ws = seed.workspace.id;
    const grace = () =>
      database()
        .select({ sessionId: timers.sessionId, dueAt: timers.dueAt })
        .from(timers)
        .where(and(eq(timers.kind, "grace"), eq(timers.userId, agent)));

    await database().transaction((tx) =>
      updateGraceTimers(tx, { workspaceId: ws, userId: agent, from: "available", to: "away" }),
    );
    const first = await grace();
    expect(first.map((t) => t.sessionId).sort()).toEqual(sessionsOf.map((s) => s.id).sort());
    const minutes = (first[0]!.dueAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(6.8);
    expect(minutes).toBeLessThan(7.1);

    // Away → Offline keeps the deadlines running from when they left.
    await database().transaction((tx) => updateGraceTimers(tx, { workspaceId: ws, userId: agent, from: "away", to: "offline" }));
    expect(await grace()).toEqual(first);

    await database().transaction((tx) => updateGraceTimers(tx, { workspaceId: ws, userId: agent, from: "offline", to: "busy" }));
    expect(await grace()).toEqual([]);
  });
});

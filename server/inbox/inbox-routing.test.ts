import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { scheduleTimer, secondsFromNow } from "@/db/schedule-timer";
import { memberships, projectAgents, projects, sessionLog, sessions, timers, workspaces } from "@/db/schema";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { callerFor } from "@/server/testing/callers";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { addMember, placeSession, seedConversation, sessionRow } from "./test-fixtures";

const db = () => database();

/**
 * A workspace with agents Ann and Bob and supervisor Sue. Its project routes to nobody unless a test
 * puts agents in its scope, so sessions stay where the test puts them.
 */
async function team() {
  const seeded = await seedConnectedProject();
  const workspaceId = seeded.workspace.id;
  const project = { id: seeded.project.id, workspaceId };
  await db().update(projects).set({ agentScope: "specific" }).where(eq(projects.id, project.id));
  const ann = await addMember(workspaceId, "agent", "Ann Agent");
  const bob = await addMember(workspaceId, "agent", "Bob Agent");
  const sue = await addMember(workspaceId, "supervisor", "Sue Supervisor");
  const as = (userId: string) => callerFor(userId);
  const conversation = async (assignedTo: string | null, options: { accepted?: boolean } = {}) => {
    const { session } = await seedConversation(project);
    if (assignedTo) await placeSession(session.id, assignedTo, options);
    return session.id;
  };
  return { ...seeded, workspaceId, project, ann, bob, sue, as, conversation };
}

async function setMember(workspaceId: string, userId: string, values: Partial<typeof memberships.$inferInsert>) {
  await db()
    .update(memberships)
    .set(values)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

async function logOf(sessionId: string) {
  return db()
    .select({
      kind: sessionLog.kind,
      rule: sessionLog.rule,
      actor: sessionLog.actorUserId,
      from: sessionLog.fromUserId,
      to: sessionLog.toUserId,
      reason: sessionLog.reason,
    })
    .from(sessionLog)
    .where(eq(sessionLog.sessionId, sessionId))
    .orderBy(sessionLog.id);
}

async function timerKinds(sessionId: string) {
  const rows = await db().select({ kind: timers.kind }).from(timers).where(eq(timers.sessionId, sessionId));
  return rows.map((r) => r.kind).sort();
}

function listen() {
  const received: BusEvent[] = [];
  const off = eventBus().subscribe((e) => received.push(e));
  return { received, off };
}

const ids = (page: { sessions: { id: string }[] }) => page.sessions.map((s) => s.id);
const hidden = { code: "NOT_FOUND", message: expect.stringContaining("Conversation not found.") };

describe("what each member sees", () => {
  it("an agent sees Mine and the Queue; All and other agents' conversations only with “may view all sessions”", async () => {
    const t = await team();
    const anns = await t.conversation(t.ann);
    const bobs = await t.conversation(t.bob);
    const waiting = await t.conversation(null);
    const closed = await t.conversation(t.bob);
    await db().update(sessions).set({ status: "closed", queuedAt: null }).where(eq(sessions.id, closed));
    const ann = t.as(t.ann);
    const workspaceId = t.workspaceId;

    expect(ids(await ann.inbox.sessions({ workspaceId, view: "mine" }))).toEqual([anns]);
    expect(ids(await ann.inbox.sessions({ workspaceId, view: "queue" }))).toEqual([waiting]);
    expect(new Set(ids(await ann.inbox.sessions({ workspaceId })))).toEqual(new Set([anns, waiting]));
    await expect(ann.inbox.sessions({ workspaceId, view: "all" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("may view all sessions"),
    });
    await expect(ann.inbox.conversation({ workspaceId, sessionId: bobs })).rejects.toMatchObject(hidden);
    await expect(ann.inbox.conversation({ workspaceId, sessionId: closed })).rejects.toMatchObject(hidden);
    await expect(ann.inbox.allocationHistory({ workspaceId, sessionId: bobs })).rejects.toMatchObject(hidden);
    expect((await ann.inbox.conversation({ workspaceId, sessionId: waiting })).actions).toMatchObject({ take: true });
    expect(await ann.inbox.tabs({ workspaceId })).toMatchObject({
      viewer: { seesEverySession: false, supervises: false },
      counts: { mine: 1, queue: 1, all: null },
    });

    await setMember(workspaceId, t.ann, { mayViewAll: true });
    expect(new Set(ids(await ann.inbox.sessions({ workspaceId, view: "all" })))).toEqual(new Set([anns, bobs, waiting, closed]));
    expect((await ann.inbox.conversation({ workspaceId, sessionId: bobs })).session.assignee).toEqual({
      id: t.bob,
      name: "Bob Agent",
    });
    expect((await ann.inbox.tabs({ workspaceId })).counts).toEqual({ mine: 1, queue: 1, all: 4 });

    const sue = t.as(t.sue);
    expect(ids(await sue.inbox.sessions({ workspaceId, view: "all" }))).toHaveLength(4);
    expect(await sue.inbox.tabs({ workspaceId })).toMatchObject({
      viewer: { seesEverySession: true, supervises: true },
      counts: { mine: 0, queue: 1, all: 4 },
    });
    // Bob sees his closed session (his own), not Ann's.
    expect(new Set(ids(await t.as(t.bob).inbox.sessions({ workspaceId })))).toEqual(new Set([bobs, waiting, closed]));
  });

  it("shows each row's assignee or queue place (in queue order), the urgent flag and the pin", async () => {
    const t = await team();
    const queued = [await t.conversation(null), await t.conversation(null), await t.conversation(null)];
    // Queue order is queued_at, not activity: the first one queued waits longest.
    for (const [i, id] of queued.entries()) {
      await db()
        .update(sessions)
        .set({
          queuedAt: sql`now() - make_interval(mins => ${10 - i})`,
          lastMessageAt: sql`now() - make_interval(secs => ${10 - i})`,
        })
        .where(eq(sessions.id, id));
    }
    const mine = await t.conversation(t.ann);
    await db()
      .update(sessions)
      .set({ escalatedAt: sql`now()`, pinnedAt: sql`now()` })
      .where(eq(sessions.id, mine));
    const sue = t.as(t.sue);

    const queue = await sue.inbox.sessions({ workspaceId: t.workspaceId, view: "queue" });
    expect(queue.sessions.map((s) => [s.id, s.queuePosition, s.assignee])).toEqual([
      [queued[0], 1, null],
      [queued[1], 2, null],
      [queued[2], 3, null],
    ]);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { sessions: { id: string }[]; nextCursor: string | null } = await sue.inbox.sessions({
        workspaceId: t.workspaceId,
        view: "queue",
        limit: 1,
        cursor,
      });
      paged.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(queued);

    const all = await sue.inbox.sessions({ workspaceId: t.workspaceId, view: "all" });
    const row = all.sessions.find((s) => s.id === mine)!;
    expect(row).toMatchObject({ assignee: { id: t.ann, name: "Ann Agent" }, queuePosition: null, mine: false });
    expect(row.escalatedAt).toBeInstanceOf(Date);
    expect(row.pinnedAt).toBeInstanceOf(Date);
    expect(all.sessions.find((s) => s.id === queued[2])!.escalatedAt).toBeNull();
  });
});

describe("who may reply", () => {
  it("the assigned agent and supervisors; an agent is told to take a queued session, and whose another one is", async () => {
    const t = await team();
    const annsId = await t.conversation(t.ann);
    const bobsId = await t.conversation(t.bob);
    const waiting = await t.conversation(null);
    const ann = t.as(t.ann);
    const reply = (caller: typeof ann, sessionId: string) =>
      caller.inbox.reply({ workspaceId: t.workspaceId, sessionId, text: "Hi!" });

    await expect(reply(ann, waiting)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This conversation is waiting in the queue — take it first.",
    });
    // Without "may view all" Bob's session does not exist for Ann; with it she may read but not answer it.
    await expect(reply(ann, bobsId)).rejects.toMatchObject(hidden);
    await setMember(t.workspaceId, t.ann, { mayViewAll: true });
    await expect(reply(ann, bobsId)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This conversation is assigned to Bob Agent.",
    });
    await reply(ann, annsId);
    await reply(t.as(t.sue), bobsId);
    await reply(t.as(t.owner.id), waiting);

    await db().update(sessions).set({ status: "closed" }).where(eq(sessions.id, annsId));
    await expect(reply(ann, annsId)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is closed") });
    const agentMessages = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from messages where workspace_id = ${t.workspaceId} and author = 'agent'`,
    );
    expect(agentMessages[0]!.n).toBe(3);
  });
});

describe("inbox.markOpened", () => {
  it("accepts the session for its agent once: accepted_at, the accept timer cancelled, an “accepted” log row", async () => {
    const t = await team();
    const id = await t.conversation(null);
    await t.as(t.sue).inbox.assign({ workspaceId: t.workspaceId, sessionId: id, toUserId: t.ann });
    expect(await timerKinds(id)).toContain("accept");

    expect(await t.as(t.bob).inbox.markOpened({ workspaceId: t.workspaceId, sessionId: id })).toEqual({ accepted: false });
    expect(await t.as(t.sue).inbox.markOpened({ workspaceId: t.workspaceId, sessionId: id })).toEqual({ accepted: false });
    expect((await sessionRow(id)).acceptedAt).toBeNull();

    const { received, off } = listen();
    expect(await t.as(t.ann).inbox.markOpened({ workspaceId: t.workspaceId, sessionId: id })).toEqual({ accepted: true });
    off();
    expect((await sessionRow(id)).acceptedAt).toBeInstanceOf(Date);
    expect(await timerKinds(id)).not.toContain("accept");
    expect(received).toContainEqual({ type: "session.updated", workspaceId: t.workspaceId, sessionId: id });

    expect(await t.as(t.ann).inbox.markOpened({ workspaceId: t.workspaceId, sessionId: id })).toEqual({ accepted: false });
    expect((await logOf(id)).filter((row) => row.kind === "accepted")).toEqual([
      { kind: "accepted", rule: null, actor: t.ann, from: null, to: t.ann, reason: "" },
    ]);
  });
});

describe("inbox.take", () => {
  it("gives a waiting session to the agent who takes it, accepted, within their capacity", async () => {
    const t = await team();
    const first = await t.conversation(null);
    const second = await t.conversation(null);
    await setMember(t.workspaceId, t.ann, { capacity: 1 });
    const ann = t.as(t.ann);

    await ann.inbox.take({ workspaceId: t.workspaceId, sessionId: first });
    const row = await sessionRow(first);
    expect(row).toMatchObject({ assignedUserId: t.ann, queuedAt: null });
    expect(row.acceptedAt).toBeInstanceOf(Date);
    expect(await logOf(first)).toEqual([
      { kind: "assigned", rule: "manual", actor: t.ann, from: null, to: t.ann, reason: "Taken from the queue" },
      { kind: "accepted", rule: null, actor: t.ann, from: null, to: t.ann, reason: "" },
    ]);
    expect(await timerKinds(first)).toEqual([]);
    expect((await ann.inbox.sessions({ workspaceId: t.workspaceId, view: "mine" })).sessions[0]!.id).toBe(first);

    await expect(t.as(t.bob).inbox.take({ workspaceId: t.workspaceId, sessionId: first })).rejects.toMatchObject(hidden);
    await expect(t.as(t.sue).inbox.take({ workspaceId: t.workspaceId, sessionId: first })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Ann Agent already has this conversation.",
    });
    await expect(ann.inbox.take({ workspaceId: t.workspaceId, sessionId: second })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You are at capacity (1 of 1). Close a conversation first.",
    });
    expect((await sessionRow(second)).assignedUserId).toBeNull();
  });
});

describe("supervisor actions", () => {
  it("assign, reassign, take over and unassign, each logged, with capacity respected", async () => {
    const t = await team();
    const id = await t.conversation(null);
    const sue = t.as(t.sue);
    const workspaceId = t.workspaceId;

    await sue.inbox.assign({ workspaceId, sessionId: id, toUserId: t.ann });
    expect((await sessionRow(id)).assignedUserId).toBe(t.ann);
    await expect(sue.inbox.assign({ workspaceId, sessionId: id, toUserId: t.ann })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This conversation is already assigned to Ann Agent.",
    });

    await t.conversation(t.bob);
    await setMember(workspaceId, t.bob, { capacity: 1 });
    await expect(sue.inbox.assign({ workspaceId, sessionId: id, toUserId: t.bob })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Bob Agent is at capacity (1 of 1)"),
    });
    await setMember(workspaceId, t.bob, { capacity: 5 });
    const { received, off } = listen();
    await sue.inbox.assign({ workspaceId, sessionId: id, toUserId: t.bob });
    off();
    expect(received).toContainEqual({ type: "session.assigned", workspaceId, sessionId: id, userId: t.bob });
    // Ann no longer sees it.
    await expect(t.as(t.ann).inbox.conversation({ workspaceId, sessionId: id })).rejects.toMatchObject(hidden);

    await setMember(workspaceId, t.sue, { capacity: 0 });
    await expect(sue.inbox.takeOver({ workspaceId, sessionId: id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You are at capacity (0 of 0). Close a conversation first.",
    });
    await setMember(workspaceId, t.sue, { capacity: 3 });
    await sue.inbox.takeOver({ workspaceId, sessionId: id });
    expect(await sessionRow(id)).toMatchObject({ assignedUserId: t.sue, acceptedAt: expect.any(Date) });

    await sue.inbox.unassign({ workspaceId, sessionId: id });
    const back = await sessionRow(id);
    expect(back.assignedUserId).toBeNull();
    expect(back.queuedAt).toBeInstanceOf(Date);
    await expect(sue.inbox.unassign({ workspaceId, sessionId: id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This conversation is already waiting in the queue.",
    });

    expect((await logOf(id)).map(({ kind, actor, from, to }) => ({ kind, actor, from, to }))).toEqual([
      { kind: "assigned", actor: t.sue, from: null, to: t.ann },
      { kind: "reassigned", actor: t.sue, from: t.ann, to: t.bob },
      { kind: "taken_over", actor: t.sue, from: t.bob, to: t.sue },
      { kind: "accepted", actor: t.sue, from: null, to: t.sue },
      { kind: "returned", actor: t.sue, from: t.sue, to: null },
      // Routing looked at it again and nobody is in the project's scope.
      { kind: "queued", actor: null, from: null, to: null },
    ]);
  });

  it("is only for owners, admins and supervisors, and only to seat members of the workspace", async () => {
    const t = await team();
    const id = await t.conversation(t.ann);
    const ann = t.as(t.ann);
    const forbidden = { code: "FORBIDDEN", message: expect.stringMatching(/^Only owners, admins and supervisors can /) };
    await expect(ann.inbox.assign({ workspaceId: t.workspaceId, sessionId: id, toUserId: t.bob })).rejects.toMatchObject(
      forbidden,
    );
    await expect(ann.inbox.takeOver({ workspaceId: t.workspaceId, sessionId: id })).rejects.toMatchObject(forbidden);
    await expect(ann.inbox.unassign({ workspaceId: t.workspaceId, sessionId: id })).rejects.toMatchObject(forbidden);

    const owner = t.as(t.owner.id);
    const marketer = await addMember(t.workspaceId, "marketer", "Max Marketer");
    await expect(owner.inbox.assign({ workspaceId: t.workspaceId, sessionId: id, toUserId: marketer })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Max Marketer is a marketer and does not work conversations.",
    });
    const stranger = await seedConnectedProject();
    await expect(
      owner.inbox.assign({ workspaceId: t.workspaceId, sessionId: id, toUserId: stranger.owner.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another workspace's session cannot be moved through this one.
    const foreign = await seedConversation({ id: stranger.project.id, workspaceId: stranger.workspace.id });
    await expect(
      owner.inbox.assign({ workspaceId: t.workspaceId, sessionId: foreign.session.id, toUserId: t.bob }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await sessionRow(foreign.session.id)).assignedUserId).toBeNull();
    expect((await sessionRow(id)).assignedUserId).toBe(t.ann);
  });
});

describe("inbox.transfer", () => {
  it("hands the session to a teammate with a note they see highlighted; the original agent loses it", async () => {
    const t = await team();
    const id = await t.conversation(t.ann, { accepted: true });
    const workspaceId = t.workspaceId;
    const { received, off } = listen();
    await t.as(t.ann).inbox.transfer({ workspaceId, sessionId: id, toUserId: t.bob, note: "  VIP — refund approved  " });
    off();
    expect(received).toContainEqual({ type: "session.assigned", workspaceId, sessionId: id, userId: t.bob });
    expect(await sessionRow(id)).toMatchObject({ assignedUserId: t.bob, transferredFromUserId: t.ann, acceptedAt: null });
    expect((await logOf(id)).at(-1)).toMatchObject({
      kind: "transferred",
      actor: t.ann,
      from: t.ann,
      to: t.bob,
      reason: "VIP — refund approved",
    });
    expect(await timerKinds(id)).toContain("transfer");

    const bobs = await t.as(t.bob).inbox.sessions({ workspaceId, view: "mine" });
    expect(bobs.sessions[0]).toMatchObject({ id, transfer: { fromName: "Ann Agent", note: "VIP — refund approved" } });
    await expect(t.as(t.ann).inbox.conversation({ workspaceId, sessionId: id })).rejects.toMatchObject(hidden);
    // Once Bob opened it, the highlight is gone.
    await t.as(t.bob).inbox.markOpened({ workspaceId, sessionId: id });
    expect((await t.as(t.bob).inbox.sessions({ workspaceId, view: "mine" })).sessions[0]!.transfer).toBeNull();
    await t.as(t.bob).inbox.reply({ workspaceId, sessionId: id, text: "Hello, I'm Bob and I'll take it from here." });

    // A supervisor may transfer anyone's session.
    await t.as(t.sue).inbox.transfer({ workspaceId, sessionId: id, toUserId: t.ann });
    expect((await sessionRow(id)).assignedUserId).toBe(t.ann);
  });

  it("needs the permission, a teammate with room and a short note", async () => {
    const t = await team();
    const id = await t.conversation(t.ann);
    const workspaceId = t.workspaceId;
    const ann = t.as(t.ann);
    await expect(
      ann.inbox.transfer({ workspaceId, sessionId: id, toUserId: t.bob, note: "x".repeat(501) }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "A transfer note can have at most 500 characters.",
    });
    await expect(ann.inbox.transfer({ workspaceId, sessionId: id, toUserId: t.ann })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This conversation is already with Ann Agent.",
    });
    await setMember(workspaceId, t.bob, { capacity: 0 });
    await expect(ann.inbox.transfer({ workspaceId, sessionId: id, toUserId: t.bob })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Bob Agent is at capacity (0 of 0)"),
    });
    await setMember(workspaceId, t.bob, { capacity: 5 });
    await setMember(workspaceId, t.ann, { mayTransfer: false, mayViewAll: true });
    await expect(ann.inbox.transfer({ workspaceId, sessionId: id, toUserId: t.bob })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("You may not transfer conversations"),
    });
    // With the permission, only her own conversations.
    await setMember(workspaceId, t.ann, { mayTransfer: true, mayViewAll: true });
    const bobs = await t.conversation(t.bob);
    await expect(ann.inbox.transfer({ workspaceId, sessionId: bobs, toUserId: t.sue })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only the agent working this conversation or a supervisor can transfer it.",
    });
    const waiting = await t.conversation(null);
    await expect(t.as(t.sue).inbox.transfer({ workspaceId, sessionId: waiting, toUserId: t.bob })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This conversation is waiting in the queue — take or assign it instead.",
    });
    expect((await sessionRow(id)).assignedUserId).toBe(t.ann);
  });
});

describe("inbox.close", () => {
  it("closes the session, stops its timers, frees the agent's capacity and wakes routing for the next customer", async () => {
    const t = await team();
    const workspaceId = t.workspaceId;
    await db().insert(projectAgents).values({ workspaceId, projectId: t.project.id, userId: t.ann });
    await setMember(workspaceId, t.ann, { capacity: 1, status: "available" });
    const id = await t.conversation(t.ann, { accepted: true });
    await db().transaction((tx) =>
      scheduleTimer(tx, { workspaceId, kind: "first_response", sessionId: id, dueAt: secondsFromNow(600) }),
    );
    const next = await t.conversation(null);

    const { received, off } = listen();
    await t.as(t.ann).inbox.close({ workspaceId, sessionId: id, reason: "Refund sent" });
    off();
    const closed = await sessionRow(id);
    expect(closed).toMatchObject({ status: "closed", closedByUserId: t.ann, queuedAt: null });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(await timerKinds(id)).toEqual([]);
    expect((await logOf(id)).at(-1)).toEqual({
      kind: "closed",
      rule: null,
      actor: t.ann,
      from: t.ann,
      to: null,
      reason: "Refund sent",
    });
    expect(received).toContainEqual({ type: "session.updated", workspaceId, sessionId: id });
    // Ann had room again, so routing gave her the customer who was waiting.
    expect((await sessionRow(next)).assignedUserId).toBe(t.ann);
    expect(ids(await t.as(t.ann).inbox.sessions({ workspaceId, view: "mine" }))).toEqual([next]);
    // A closed session is hers to read still, but nothing more.
    const view = await t.as(t.ann).inbox.conversation({ workspaceId, sessionId: id });
    expect(view.session).toMatchObject({ status: "closed", closedByName: "Ann Agent" });
    expect(view.actions).toMatchObject({
      close: false,
      transfer: false,
      pin: false,
      replyRefusal: expect.stringContaining("closed"),
    });
    await expect(t.as(t.ann).inbox.close({ workspaceId, sessionId: id, reason: "" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This conversation is closed.",
    });
  });

  it("is for the assigned agent or a supervisor", async () => {
    const t = await team();
    const workspaceId = t.workspaceId;
    const annsId = await t.conversation(t.ann);
    const waiting = await t.conversation(null);
    await setMember(workspaceId, t.bob, { mayViewAll: true });
    await expect(t.as(t.bob).inbox.close({ workspaceId, sessionId: annsId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only the agent working this conversation or a supervisor can close it.",
    });
    await expect(t.as(t.bob).inbox.close({ workspaceId, sessionId: waiting })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Take it first"),
    });
    const { received, off } = listen();
    await t.as(t.sue).inbox.close({ workspaceId, sessionId: waiting });
    off();
    expect(received).toContainEqual({ type: "queue.updated", workspaceId, projectId: t.project.id });
    await t.as(t.sue).inbox.close({ workspaceId, sessionId: annsId });
    expect((await sessionRow(annsId)).closedByUserId).toBe(t.sue);
    expect((await sessionRow(waiting)).status).toBe("closed");
  });
});

describe("inbox.pin", () => {
  it("lets the assigned agent pin and unpin their session, nobody else", async () => {
    const t = await team();
    const workspaceId = t.workspaceId;
    const id = await t.conversation(t.ann);
    await t.as(t.ann).inbox.pin({ workspaceId, sessionId: id, pinned: true });
    const pinnedAt = (await sessionRow(id)).pinnedAt;
    expect(pinnedAt).toBeInstanceOf(Date);
    // Pinning again keeps the original time.
    await t.as(t.ann).inbox.pin({ workspaceId, sessionId: id, pinned: true });
    expect((await sessionRow(id)).pinnedAt).toEqual(pinnedAt);
    await expect(t.as(t.sue).inbox.pin({ workspaceId, sessionId: id, pinned: false })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only the agent working this conversation can pin it.",
    });
    await expect(t.as(t.bob).inbox.pin({ workspaceId, sessionId: id, pinned: false })).rejects.toMatchObject(hidden);
    await t.as(t.ann).inbox.pin({ workspaceId, sessionId: id, pinned: false });
    expect((await sessionRow(id)).pinnedAt).toBeNull();
  });
});

describe("allocation history", () => {
  it("lists the session's log with names, oldest first", async () => {
    const t = await team();
    const workspaceId = t.workspaceId;
    const id = await t.conversation(null);
    await t.as(t.sue).inbox.assign({ workspaceId, sessionId: id, toUserId: t.ann });
    await t.as(t.ann).inbox.transfer({ workspaceId, sessionId: id, toUserId: t.bob, note: "Needs Tier 2" });
    await t.as(t.bob).inbox.close({ workspaceId, sessionId: id, reason: "Solved" });
    const history = await t.as(t.sue).inbox.allocationHistory({ workspaceId, sessionId: id });
    expect(
      history.map(({ kind, rule, actorName, fromName, toName, reason }) => ({ kind, rule, actorName, fromName, toName, reason })),
    ).toEqual([
      {
        kind: "assigned",
        rule: "manual",
        actorName: "Sue Supervisor",
        fromName: null,
        toName: "Ann Agent",
        reason: "Assigned from the queue by a supervisor",
      },
      {
        kind: "transferred",
        rule: "manual",
        actorName: "Ann Agent",
        fromName: "Ann Agent",
        toName: "Bob Agent",
        reason: "Needs Tier 2",
      },
      { kind: "closed", rule: null, actorName: "Bob Agent", fromName: "Bob Agent", toName: null, reason: "Solved" },
    ]);
    expect(history[0]!.at).toBeInstanceOf(Date);
    await expect(t.as(t.ann).inbox.allocationHistory({ workspaceId, sessionId: id })).rejects.toMatchObject(hidden);
  });
});

describe("an expired plan", () => {
  it("refuses every change of who works what, while the inbox can still be read", async () => {
    const t = await team();
    const workspaceId = t.workspaceId;
    const annsId = await t.conversation(t.ann);
    const waiting = await t.conversation(null);
    await db()
      .update(workspaces)
      .set({ trialEndsAt: new Date(Date.now() - 1000) })
      .where(eq(workspaces.id, workspaceId));
    const ann = t.as(t.ann);
    const sue = t.as(t.sue);
    const expired = { code: "FORBIDDEN", message: expect.stringContaining("has expired, so this workspace is read-only") };
    for (const call of [
      () => ann.inbox.markOpened({ workspaceId, sessionId: annsId }),
      () => ann.inbox.take({ workspaceId, sessionId: waiting }),
      () => ann.inbox.transfer({ workspaceId, sessionId: annsId, toUserId: t.bob }),
      () => ann.inbox.close({ workspaceId, sessionId: annsId }),
      () => ann.inbox.pin({ workspaceId, sessionId: annsId, pinned: true }),
      () => sue.inbox.assign({ workspaceId, sessionId: waiting, toUserId: t.bob }),
      () => sue.inbox.takeOver({ workspaceId, sessionId: annsId }),
      () => sue.inbox.unassign({ workspaceId, sessionId: annsId }),
    ]) {
      await expect(call()).rejects.toMatchObject(expired);
    }
    expect(await sessionRow(annsId)).toMatchObject({ assignedUserId: t.ann, status: "open", pinnedAt: null });
    expect((await sessionRow(waiting)).assignedUserId).toBeNull();
    expect(ids(await ann.inbox.sessions({ workspaceId, view: "mine" }))).toEqual([annsId]);
    expect(await logOf(annsId)).toEqual([]);
  });
});

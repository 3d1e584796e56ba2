import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { messages } from "@/db/schema";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { enqueueOutgoing } from "@/server/outbox/enqueue";
import { onAcceptTimer } from "./accept-timer";
import { onFirstResponseTimer } from "./first-response-timer";
import { GRACE_REASON, onGraceTimer } from "./grace-timer";
import {
  addAgent,
  addSession,
  addTimer,
  claimedTimer,
  logOf,
  memberNow,
  seedDesk,
  sessionNow,
  statusLogOf,
  timersOf,
  type Desk,
} from "./test-fixtures";
import { onTransferTimer, TRANSFER_REASON } from "./transfer-timer";

const heard: BusEvent[] = [];
let unsubscribe: () => void = () => {};
beforeAll(() => {
  unsubscribe = eventBus().subscribe((event) => heard.push(event));
});
afterAll(() => unsubscribe());

async function agentMessage(desk: Desk, sessionId: string, chatId: number) {
  await database().insert(messages).values({
    workspaceId: desk.workspaceId,
    projectId: desk.projectId,
    sessionId,
    chatId,
    author: "agent",
    text: "On it!",
    delivery: "sent",
  });
}

describe("accept timer", () => {
  it("kicks out an agent who did not open an assigned session and requeues their unopened sessions only", async () => {
    const desk = await seedDesk();
    const slow = await addAgent(desk);
    const other = await addAgent(desk);
    const late = await addSession(desk, { assignedUserId: slow, assignedMinutesAgo: 4 });
    const alsoUnopened = await addSession(desk, { assignedUserId: slow, assignedMinutesAgo: 1 });
    const opened = await addSession(desk, { assignedUserId: slow, accepted: true });
    const timer = await claimedTimer(desk, "accept", { sessionId: late.id, userId: slow }, 60);

    expect(await onAcceptTimer(database(), timer)).toBe(true);

    const member = await memberNow(desk, slow);
    expect(member.status).toBe("kicked_out");
    expect(member.statusCause).toBe("system");
    expect((await statusLogOf(desk, slow)).at(-1)).toMatchObject({ toStatus: "kicked_out", cause: "system" });
    for (const session of [late, alsoUnopened]) {
      expect((await sessionNow(session.id)).assignedUserId).not.toBe(slow);
      const returned = (await logOf(session.id)).find((row) => row.kind === "returned");
      expect(returned).toMatchObject({ reason: "Not opened within 3 minutes", fromUserId: slow, actorUserId: null });
    }
    expect((await sessionNow(opened.id)).assignedUserId).toBe(slow);
    expect((await logOf(opened.id)).some((row) => row.kind === "returned")).toBe(false);
    // The queue drains to the agent who is still there.
    expect((await sessionNow(late.id)).assignedUserId).toBe(other);
  });

  it("does nothing once the session was opened", async () => {
    const desk = await seedDesk();
    const agent = await addAgent(desk);
    const session = await addSession(desk, { assignedUserId: agent, accepted: true });
    const timer = await claimedTimer(desk, "accept", { sessionId: session.id, userId: agent }, 60);
    expect(await onAcceptTimer(database(), timer)).toBe(false);
    expect((await memberNow(desk, agent)).status).toBe("available");
    expect((await sessionNow(session.id)).assignedUserId).toBe(agent);
  });

  it("does nothing when the session was assigned again after the deadline was set", async () => {
    const desk = await seedDesk();
    const agent = await addAgent(desk);
    const session = await addSession(desk, { assignedUserId: agent, assignedMinutesAgo: 0 });
    const timer = await claimedTimer(desk, "accept", { sessionId: session.id, userId: agent }, 1);
    expect(await onAcceptTimer(database(), timer)).toBe(false);
    expect((await memberNow(desk, agent)).status).toBe("available");
  });
});

describe("grace timer", () => {
  it("returns an away agent's session to the queue", async () => {
    const desk = await seedDesk({ expiredPlan: true });
    const away = await addAgent(desk, { status: "away" });
    const session = await addSession(desk, { assignedUserId: away, accepted: true });
    const timer = await claimedTimer(desk, "grace", { sessionId: session.id, userId: away });

    expect(await onGraceTimer(database(), timer)).toBe(true);

    const after = await sessionNow(session.id);
    expect(after.assignedUserId).toBeNull();
    expect(after.queuedAt).not.toBeNull();
    expect((await logOf(session.id)).find((row) => row.kind === "returned")).toMatchObject({
      reason: GRACE_REASON,
      fromUserId: away,
      actorUserId: null,
    });
    expect(heard).toContainEqual({ type: "session.updated", workspaceId: desk.workspaceId, sessionId: session.id });
  });

  it("leaves the session with an agent who came back", async () => {
    const desk = await seedDesk({ expiredPlan: true });
    const back = await addAgent(desk, { status: "available" });
    const session = await addSession(desk, { assignedUserId: back, accepted: true });
    const timer = await claimedTimer(desk, "grace", { sessionId: session.id, userId: back });
    expect(await onGraceTimer(database(), timer)).toBe(false);
    expect((await sessionNow(session.id)).assignedUserId).toBe(back);
  });

  it("leaves a session that is no longer theirs", async () => {
    const desk = await seedDesk({ expiredPlan: true });
    const offline = await addAgent(desk, { status: "offline" });
    const colleague = await addAgent(desk);
    const session = await addSession(desk, { assignedUserId: colleague, accepted: true });
    const timer = await claimedTimer(desk, "grace", { sessionId: session.id, userId: offline });
    expect(await onGraceTimer(database(), timer)).toBe(false);
    expect((await sessionNow(session.id)).assignedUserId).toBe(colleague);
  });
});

describe("transfer timer", () => {
  it("gives an unanswered transfer back to the agent it came from when they can take it", async () => {
    const desk = await seedDesk();
    const origin = await addAgent(desk);
    const target = await addAgent(desk);
    const session = await addSession(desk, { assignedUserId: target, transferredFromUserId: origin });
    const timer = await claimedTimer(desk, "transfer", { sessionId: session.id });

    expect(await onTransferTimer(database(), timer)).toBe(true);

    expect((await sessionNow(session.id)).assignedUserId).toBe(origin);
    expect((await logOf(session.id)).find((row) => row.kind === "reassigned")).toMatchObject({
      reason: TRANSFER_REASON,
      toUserId: origin,
      fromUserId: target,
    });
  });

  it("sends it to the queue when the original agent is away", async () => {
    const desk = await seedDesk({ expiredPlan: true });
    const origin = await addAgent(desk, { status: "away" });
    const target = await addAgent(desk);
    const session = await addSession(desk, { assignedUserId: target, transferredFromUserId: origin });
    const timer = await claimedTimer(desk, "transfer", { sessionId: session.id });

    expect(await onTransferTimer(database(), timer)).toBe(true);

    expect((await sessionNow(session.id)).assignedUserId).toBeNull();
    const returned = (await logOf(session.id)).find((row) => row.kind === "returned");
    expect(returned?.reason.startsWith(TRANSFER_REASON)).toBe(true);
  });

  it("sends it to the queue when the original agent is at capacity", async () => {
    const desk = await seedDesk({ expiredPlan: true });
    const origin = await addAgent(desk, { capacity: 1 });
    const target = await addAgent(desk);
    await addSession(desk, { assignedUserId: origin, accepted: true });
    const session = await addSession(desk, { assignedUserId: target, transferredFromUserId: origin });
    const timer = await claimedTimer(desk, "transfer", { sessionId: session.id });

    expect(await onTransferTimer(database(), timer)).toBe(true);
    expect((await sessionNow(session.id)).assignedUserId).toBeNull();
  });

  it("does nothing once an agent answered after the transfer", async () => {
    const desk = await seedDesk();
    const origin = await addAgent(desk);
    const target = await addAgent(desk);
    const session = await addSession(desk, { assignedUserId: target, transferredFromUserId: origin });
    await agentMessage(desk, session.id, session.chatId);
    const timer = await claimedTimer(desk, "transfer", { sessionId: session.id });

    expect(await onTransferTimer(database(), timer)).toBe(false);
    expect((await sessionNow(session.id)).assignedUserId).toBe(target);
  });

  it("does nothing for a transfer made after the deadline was set", async () => {
    const desk = await seedDesk();
    const origin = await addAgent(desk);
    const target = await addAgent(desk);
    const session = await addSession(desk, { assignedUserId: target, transferredFromUserId: origin, transferredMinutesAgo: 0 });
    const timer = await claimedTimer(desk, "transfer", { sessionId: session.id });
    expect(await onTransferTimer(database(), timer)).toBe(false);
    expect((await sessionNow(session.id)).assignedUserId).toBe(target);
  });
});

describe("first-response timer", () => {
  it("escalates a session nobody answered, logs it and tells supervisors' consoles", async () => {
    const desk = await seedDesk();
    const agent = await addAgent(desk);
    const session = await addSession(desk, { assignedUserId: agent, accepted: true });
    const timer = await claimedTimer(desk, "first_response", { sessionId: session.id });

    expect(await onFirstResponseTimer(database(), timer)).toBe(true);

    expect((await sessionNow(session.id)).escalatedAt).not.toBeNull();
    expect((await logOf(session.id)).find((row) => row.kind === "escalated")).toMatchObject({
      reason: "No first answer within 10 minutes",
      toUserId: agent,
      actorUserId: null,
    });
    expect(heard).toContainEqual({ type: "session.escalated", workspaceId: desk.workspaceId, sessionId: session.id });
    // Once escalated, a second deadline does not escalate again.
    const again = await claimedTimer(desk, "first_response", { sessionId: session.id });
    expect(await onFirstResponseTimer(database(), again)).toBe(false);
    expect((await logOf(session.id)).filter((row) => row.kind === "escalated")).toHaveLength(1);
  });

  it("leaves an answered or closed session alone", async () => {
    const desk = await seedDesk();
    const answered = await addSession(desk, { firstResponse: true });
    const closed = await addSession(desk, { status: "closed" });
    for (const session of [answered, closed]) {
      const timer = await claimedTimer(desk, "first_response", { sessionId: session.id });
      expect(await onFirstResponseTimer(database(), timer)).toBe(false);
      expect((await sessionNow(session.id)).escalatedAt).toBeNull();
    }
  });
});

describe("an agent's message", () => {
  it("marks the first response and cancels the first-response and transfer timers; a bot message does neither", async () => {
    const desk = await seedDesk();
    const agent = await addAgent(desk);
    const session = await addSession(desk, { assignedUserId: agent });
    await addTimer(desk, "first_response", { sessionId: session.id }, -600);
    await addTimer(desk, "transfer", { sessionId: session.id }, -120);
    await addTimer(desk, "accept", { sessionId: session.id, userId: agent }, -180);
    const base = { workspaceId: desk.workspaceId, projectId: desk.projectId, sessionId: session.id, chatId: session.chatId };

    await database().transaction((tx) =>
      enqueueOutgoing(tx, { ...base, author: "bot", text: "There are 2 people ahead of you" }),
    );
    expect((await sessionNow(session.id)).firstResponseAt).toBeNull();
    expect((await timersOf(desk.workspaceId)).map((t) => t.kind).sort()).toEqual(["accept", "first_response", "transfer"]);

    await database().transaction((tx) => enqueueOutgoing(tx, { ...base, author: "agent", authorUserId: agent, text: "Hi!" }));
    const answeredAt = (await sessionNow(session.id)).firstResponseAt;
    expect(answeredAt).not.toBeNull();
    expect((await timersOf(desk.workspaceId)).map((t) => t.kind)).toEqual(["accept"]);

    // The first response stays the first one.
    await database().transaction((tx) =>
      enqueueOutgoing(tx, { ...base, author: "agent", authorUserId: agent, text: "Still there?" }),
    );
    expect((await sessionNow(session.id)).firstResponseAt).toEqual(answeredAt);
  });
});

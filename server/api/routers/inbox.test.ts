import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { bots, contacts, messages, sessions, workspaces } from "@/db/schema";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { addMember, placeSession, seedConversation, sessionRow } from "@/server/inbox/test-fixtures";
import { callerFor } from "@/server/testing/callers";
import { seedConnectedProject } from "@/server/testing/seed-bot";

async function workspaceWithInbox() {
  const seeded = await seedConnectedProject();
  const project = { id: seeded.project.id, workspaceId: seeded.workspace.id };
  return { ...seeded, projectRef: project, owner: callerFor(seeded.owner.id), workspaceId: seeded.workspace.id };
}

function listen() {
  const received: BusEvent[] = [];
  const off = eventBus().subscribe((e) => received.push(e));
  return { received, off };
}

describe("inbox.sessions", () => {
  it("lists the workspace's conversations, newest activity first, with customer, project and unanswered state", async () => {
    const ws = await workspaceWithInbox();
    const older = await seedConversation(ws.projectRef, {
      customer: { firstName: "Grace", lastName: "Hopper", username: "grace" },
      messages: [
        { author: "customer", text: "Is my order shipped?" },
        { author: "agent", text: "Yes, this morning.", delivery: "sent" },
      ],
      secondsAgo: 60,
    });
    const newer = await seedConversation(ws.projectRef, {
      customer: { firstName: "Alan", lastName: null, username: null },
      messages: [{ author: "customer", text: "Hello   there\nfriends" }],
      secondsAgo: 5,
    });

    const page = await ws.owner.inbox.sessions({ workspaceId: ws.workspaceId });
    expect(page.nextCursor).toBeNull();
    expect(page.sessions.map((s) => s.id)).toEqual([newer.session.id, older.session.id]);
    expect(page.sessions[0]).toMatchObject({
      customer: { name: "Alan", username: null },
      project: { id: ws.project.id, name: ws.project.name },
      lastMessagePreview: "Hello there friends",
      lastMessageAuthor: "customer",
      status: "open",
    });
    expect(page.sessions[0]!.awaitingReplySince).toBeInstanceOf(Date);
    expect(page.sessions[1]).toMatchObject({
      customer: { name: "Grace Hopper", username: "@grace" },
      lastMessageAuthor: "agent",
      awaitingReplySince: null,
    });
  });

  it("pages through the list without skipping or repeating, even for activity in the same millisecond", async () => {
    const ws = await workspaceWithInbox();
    const seeded = [];
    for (let i = 0; i < 5; i++) seeded.push(await seedConversation(ws.projectRef, { secondsAgo: i * 10 }));
    // Two sessions a few microseconds apart: a cursor rounded to milliseconds would lose one of them.
    await database().execute(
      sql`update sessions set last_message_at = '2030-01-01 00:00:00.000100+00' where id = ${seeded[1]!.session.id}`,
    );
    await database().execute(
      sql`update sessions set last_message_at = '2030-01-01 00:00:00.000300+00' where id = ${seeded[3]!.session.id}`,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: { sessions: { id: string }[]; nextCursor: string | null } = await ws.owner.inbox.sessions({
        workspaceId: ws.workspaceId,
        limit: 1,
        cursor,
      });
      seen.push(...page.sessions.map((s) => s.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const expected = [seeded[3], seeded[1], seeded[0], seeded[2], seeded[4]].map((s) => s!.session.id);
    expect(seen).toEqual(expected);
  });

  it("refuses a cursor it did not make", async () => {
    const ws = await workspaceWithInbox();
    await expect(ws.owner.inbox.sessions({ workspaceId: ws.workspaceId, cursor: "garbage" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("inbox.conversation", () => {
  it("shows the whole history in order: authors, agent names, media as type + caption, edits, delivery", async () => {
    const ws = await workspaceWithInbox();
    const agentId = await addMember(ws.workspaceId, "agent", "Bea Agent");
    const { session, contact } = await seedConversation(ws.projectRef, {
      customer: { firstName: "Ada", lastName: "Lovelace", username: "ada_l", languageCode: "en" },
      messages: [
        { author: "customer", text: "/start promo_42" },
        { author: "bot", text: "Welcome!", delivery: "sent" },
        {
          author: "customer",
          kind: "document",
          text: "my invoice",
          media: { fileId: "SECRET-FILE-ID", fileName: "invoice.pdf", mimeType: "application/pdf", fileSize: 1234 },
        },
        { author: "customer", text: "now fixed", editHistory: [{ text: "now fxed", editedAt: new Date().toISOString() }] },
        {
          author: "agent",
          text: "On it",
          authorUserId: agentId,
          delivery: "failed",
          deliveryError: "The customer blocked the bot.",
        },
        { author: "agent", text: "Still there?", authorUserId: agentId, delivery: "queued" },
        { author: "customer", kind: "location", media: { latitude: 52.52, longitude: 13.4 } },
      ],
    });
    await database()
      .update(contacts)
      .set({ firstStartPayload: "promo_42", lastStartPayload: "promo_42" })
      .where(eq(contacts.id, contact.id));

    const conversation = await ws.owner.inbox.conversation({ workspaceId: ws.workspaceId, sessionId: session.id });
    expect(conversation.contact).toMatchObject({
      name: "Ada Lovelace",
      username: "@ada_l",
      languageCode: "en",
      firstStartPayload: "promo_42",
      lastStartPayload: "promo_42",
    });
    expect(conversation.project).toMatchObject({ id: ws.project.id, botConnected: true, botUsername: ws.bot.username });
    expect(conversation.earlierFromId).toBeNull();
    const m = conversation.messages;
    expect(m.map((x) => x.author)).toEqual(["customer", "bot", "customer", "customer", "agent", "agent", "customer"]);
    expect(m[2]).toMatchObject({
      kind: "document",
      text: "my invoice",
      media: { label: "File", fileName: "invoice.pdf", mimeType: "application/pdf", downloadable: true, tooBig: false },
    });
    expect(m[3]).toMatchObject({ text: "now fixed", edited: true, previousTexts: ["now fxed"] });
    expect(m[4]).toMatchObject({ agentName: "Bea Agent", delivery: "failed", deliveryError: "The customer blocked the bot." });
    expect(m[5]).toMatchObject({ delivery: "queued" });
    expect(m[6]).toMatchObject({
      kind: "location",
      media: { label: "Location", location: { latitude: 52.52, longitude: 13.4 } },
    });
    expect(m[0]).toMatchObject({ agentName: null, edited: false, delivery: null });
    // Telegram's file ids stay on the server: the browser downloads through /api/files/{id}.
    expect(JSON.stringify(conversation)).not.toContain("SECRET-FILE-ID");
  });

  it("opens on the newest page and loads earlier pages without gaps, also while new messages arrive", async () => {
    const ws = await workspaceWithInbox();
    const texts = Array.from({ length: 450 }, (_, i) => `message ${i + 1}`);
    const { session, messageIds } = await seedConversation(ws.projectRef, {
      messages: texts.map((text) => ({ author: "customer" as const, text })),
    });
    const open = (fromId?: number) => ws.owner.inbox.conversation({ workspaceId: ws.workspaceId, sessionId: session.id, fromId });

    const newest = await open();
    expect(newest.messages.map((m) => m.text)).toEqual(texts.slice(250));
    expect(newest.earlierFromId).toBe(messageIds[50]);

    const twoPages = await open(newest.earlierFromId!);
    expect(twoPages.messages.map((m) => m.text)).toEqual(texts.slice(50));
    expect(twoPages.earlierFromId).toBe(messageIds[0]);

    // A reply queued meanwhile is in the next refetch, and nothing between the pages is skipped.
    await ws.owner.inbox.reply({ workspaceId: ws.workspaceId, sessionId: session.id, text: "a new reply" });
    const everything = await open(twoPages.earlierFromId!);
    expect(everything.messages.map((m) => m.text)).toEqual([...texts, "a new reply"]);
    expect(everything.earlierFromId).toBeNull();
  });

  it("answers 404 for an unknown conversation", async () => {
    const ws = await workspaceWithInbox();
    await expect(
      ws.owner.inbox.conversation({ workspaceId: ws.workspaceId, sessionId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("does not exist in this workspace") });
  });
});

describe("inbox tenant isolation", () => {
  it("never shows or lets anyone act on another workspace's conversations", async () => {
    const a = await workspaceWithInbox();
    const b = await workspaceWithInbox();
    const { session, messageIds } = await seedConversation(a.projectRef, {
      messages: [
        { author: "customer", text: "private to A" },
        { author: "agent", text: "failed in A", delivery: "failed", deliveryError: "x" },
      ],
    });
    await seedConversation(b.projectRef);

    const listed = await b.owner.inbox.sessions({ workspaceId: b.workspaceId });
    expect(listed.sessions.map((s) => s.id)).not.toContain(session.id);
    expect(listed.sessions).toHaveLength(1);

    // Through B's own workspace: the session is simply not there.
    await expect(b.owner.inbox.conversation({ workspaceId: b.workspaceId, sessionId: session.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(b.owner.inbox.reply({ workspaceId: b.workspaceId, sessionId: session.id, text: "hi" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(b.owner.inbox.retry({ workspaceId: b.workspaceId, messageId: messageIds[1]! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Naming A's workspace: B is not a member.
    for (const call of [
      () => b.owner.inbox.sessions({ workspaceId: a.workspaceId }),
      () => b.owner.inbox.conversation({ workspaceId: a.workspaceId, sessionId: session.id }),
      () => b.owner.inbox.reply({ workspaceId: a.workspaceId, sessionId: session.id, text: "hi" }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND", message: "Workspace not found." });
    }
    const rows = await database().select().from(messages).where(eq(messages.sessionId, session.id));
    expect(rows).toHaveLength(2);
    expect(rows[1]!.delivery).toBe("failed");
  });

  it("refuses signed-out callers", async () => {
    const a = await workspaceWithInbox();
    await expect(callerFor(null).inbox.sessions({ workspaceId: a.workspaceId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("inbox.reply", () => {
  it("queues the agent's reply, marks the customer answered and announces it after commit", async () => {
    const ws = await workspaceWithInbox();
    const agentId = await addMember(ws.workspaceId, "agent");
    const { session } = await seedConversation(ws.projectRef);
    await placeSession(session.id, agentId);
    expect((await sessionRow(session.id)).awaitingReplySince).not.toBeNull();

    const { received, off } = listen();
    const { messageId } = await callerFor(agentId).inbox.reply({
      workspaceId: ws.workspaceId,
      sessionId: session.id,
      text: "  We are on it!  ",
    });
    off();

    const [row] = await database().select().from(messages).where(eq(messages.id, messageId));
    expect(row).toMatchObject({
      author: "agent",
      authorUserId: agentId,
      text: "We are on it!",
      delivery: "queued",
      kind: "text",
    });
    expect(row!.chatId).toBe(session.chatId);
    expect(await sessionRow(session.id)).toMatchObject({
      awaitingReplySince: null,
      lastMessageAuthor: "agent",
      lastMessagePreview: "We are on it!",
    });
    expect(received).toEqual(
      expect.arrayContaining([
        { type: "outbox.queued", messageId },
        { type: "message.created", workspaceId: ws.workspaceId, sessionId: session.id, messageId },
        { type: "session.updated", workspaceId: ws.workspaceId, sessionId: session.id },
      ]),
    );
  });

  it("refuses an empty or too long reply, with a message saying what to do, and stores nothing", async () => {
    const ws = await workspaceWithInbox();
    const { session } = await seedConversation(ws.projectRef);
    await expect(
      ws.owner.inbox.reply({ workspaceId: ws.workspaceId, sessionId: session.id, text: "   \n " }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Write a reply first.",
    });
    await expect(
      ws.owner.inbox.reply({ workspaceId: ws.workspaceId, sessionId: session.id, text: "x".repeat(4097) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("at most 4096 characters") });
    await expect(ws.owner.inbox.reply({ workspaceId: ws.workspaceId, sessionId: "nope", text: "hi" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // Exactly the limit is fine.
    await ws.owner.inbox.reply({ workspaceId: ws.workspaceId, sessionId: session.id, text: "y".repeat(4096) });
    const rows = await database()
      .select()
      .from(messages)
      .where(and(eq(messages.sessionId, session.id), eq(messages.author, "agent")));
    expect(rows.map((r) => r.text!.length)).toEqual([4096]);
  });

  it("refuses when the project's bot is disconnected, saying how to fix it", async () => {
    const ws = await workspaceWithInbox();
    const { session } = await seedConversation(ws.projectRef);
    await database().delete(bots).where(eq(bots.id, ws.bot.id));
    await expect(ws.owner.inbox.reply({ workspaceId: ws.workspaceId, sessionId: session.id, text: "hi" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Connect the bot again in Projects"),
    });
  });

  it("is refused once the plan has expired, while the conversation can still be read", async () => {
    const ws = await workspaceWithInbox();
    const { session } = await seedConversation(ws.projectRef);
    await database()
      .update(workspaces)
      .set({ trialEndsAt: new Date(Date.now() - 1000) })
      .where(eq(workspaces.id, ws.workspaceId));
    await expect(ws.owner.inbox.reply({ workspaceId: ws.workspaceId, sessionId: session.id, text: "hi" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("has expired, so this workspace is read-only"),
    });
    const conversation = await ws.owner.inbox.conversation({ workspaceId: ws.workspaceId, sessionId: session.id });
    expect(conversation.messages).toHaveLength(1);
  });
});

describe("inbox roles", () => {
  it("lets supervisors and agents work the inbox, and refuses marketers everywhere", async () => {
    const ws = await workspaceWithInbox();
    const { session, messageIds } = await seedConversation(ws.projectRef, {
      messages: [{ author: "agent", text: "x", delivery: "failed", deliveryError: "Telegram says: chat not found" }],
    });
    for (const role of ["supervisor", "agent", "admin"] as const) {
      const caller = callerFor(await addMember(ws.workspaceId, role));
      expect((await caller.inbox.sessions({ workspaceId: ws.workspaceId })).sessions).toHaveLength(1);
      await caller.inbox.conversation({ workspaceId: ws.workspaceId, sessionId: session.id });
    }
    const marketer = callerFor(await addMember(ws.workspaceId, "marketer"));
    const forbidden = { code: "FORBIDDEN", message: expect.stringMatching(/^Only owners, admins, supervisors and agents can /) };
    await expect(marketer.inbox.sessions({ workspaceId: ws.workspaceId })).rejects.toMatchObject(forbidden);
    await expect(marketer.inbox.conversation({ workspaceId: ws.workspaceId, sessionId: session.id })).rejects.toMatchObject(
      forbidden,
    );
    await expect(marketer.inbox.reply({ workspaceId: ws.workspaceId, sessionId: session.id, text: "hi" })).rejects.toMatchObject(
      forbidden,
    );
    await expect(marketer.inbox.retry({ workspaceId: ws.workspaceId, messageId: messageIds[0]! })).rejects.toMatchObject(
      forbidden,
    );
  });
});

describe("inbox.retry", () => {
  it("puts a failed reply back in the queue and announces it; a sent one cannot be retried", async () => {
    const ws = await workspaceWithInbox();
    const { session, messageIds } = await seedConversation(ws.projectRef, {
      messages: [
        { author: "agent", text: "failed", delivery: "failed", deliveryError: "Telegram says: chat not found" },
        { author: "agent", text: "sent", delivery: "sent" },
      ],
    });
    const { received, off } = listen();
    await ws.owner.inbox.retry({ workspaceId: ws.workspaceId, messageId: messageIds[0]! });
    off();
    const [row] = await database().select().from(messages).where(eq(messages.id, messageIds[0]!));
    expect(row).toMatchObject({ delivery: "queued", retried: true, deliveryError: null });
    expect(received).toContainEqual({ type: "outbox.queued", messageId: messageIds[0] });
    expect(received).toContainEqual({
      type: "message.updated",
      workspaceId: ws.workspaceId,
      sessionId: session.id,
      messageId: messageIds[0],
    });
    await expect(ws.owner.inbox.retry({ workspaceId: ws.workspaceId, messageId: messageIds[1]! })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Only failed messages can be retried.",
    });
  });
});

describe("session list after a reply", () => {
  it("moves the answered conversation to the top and clears its unanswered mark", async () => {
    const ws = await workspaceWithInbox();
    const first = await seedConversation(ws.projectRef, { secondsAgo: 120 });
    await seedConversation(ws.projectRef, { secondsAgo: 10 });
    await ws.owner.inbox.reply({ workspaceId: ws.workspaceId, sessionId: first.session.id, text: "Answer" });
    const { sessions: list } = await ws.owner.inbox.sessions({ workspaceId: ws.workspaceId });
    expect(list[0]).toMatchObject({ id: first.session.id, awaitingReplySince: null, lastMessagePreview: "Answer" });
    const [stored] = await database().select().from(sessions).where(eq(sessions.id, first.session.id));
    expect(stored!.lastMessageAuthor).toBe("agent");
  });
});

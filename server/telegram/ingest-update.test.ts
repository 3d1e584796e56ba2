import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { contacts, projects, sessions, unhandledUpdateCounts } from "@/db/schema";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import {
  deliver,
  editUpdate,
  messageUpdate,
  newCustomer,
  nextUpdateId,
  projectMessages,
  storedRows,
  textUpdate,
  type Customer,
  type Seeded,
} from "./test-fixtures";

const db = () => database();

async function contactOf(seed: Seeded, customer: Customer) {
  const rows = await db()
    .select()
    .from(contacts)
    .where(and(eq(contacts.projectId, seed.project.id), eq(contacts.telegramUserId, customer.id)));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function sessionsOf(seed: Seeded, customer: Customer) {
  const contact = await contactOf(seed, customer);
  return db().select().from(sessions).where(eq(sessions.contactId, contact.id)).orderBy(sessions.openedAt);
}

async function messagesOf(seed: Seeded, customer: Customer) {
  return (await projectMessages(seed)).filter((m) => m.chatId === customer.id);
}

async function ok(response: Promise<Response>) {
  expect((await response).status).toBe(200);
}

describe("ingesting a customer's message", () => {
  let seed: Seeded;
  beforeAll(async () => {
    seed = await seedConnectedProject();
  });

  it("stores the contact, opens a session waiting for a reply, stores the message, then publishes", async () => {
    const customer = newCustomer({ first_name: "Grace", last_name: "Hopper", username: "grace", language_code: "en-US" });
    const heard: BusEvent[] = [];
    const unsubscribe = eventBus().subscribe((event) => heard.push(event));
    const date = Math.floor(Date.now() / 1000) - 30;
    const update = textUpdate(customer, "Hello,\n  my order is late", { date });
    try {
      await ok(deliver(seed, update));
    } finally {
      unsubscribe();
    }

    const contact = await contactOf(seed, customer);
    expect(contact).toMatchObject({
      workspaceId: seed.workspace.id,
      firstName: "Grace",
      lastName: "Hopper",
      username: "grace",
      languageCode: "en-US",
      firstStartPayload: null,
    });
    const [session, ...more] = await sessionsOf(seed, customer);
    expect(more).toHaveLength(0);
    expect(session).toMatchObject({
      workspaceId: seed.workspace.id,
      projectId: seed.project.id,
      chatId: customer.id,
      status: "open",
      lastMessagePreview: "Hello, my order is late",
      lastMessageAuthor: "customer",
    });
    expect(session!.awaitingReplySince).toBeInstanceOf(Date);
    const [message] = await messagesOf(seed, customer);
    expect(message).toMatchObject({
      sessionId: session!.id,
      workspaceId: seed.workspace.id,
      author: "customer",
      kind: "text",
      text: "Hello,\n  my order is late",
      media: null,
      telegramMessageId: update.message.message_id,
      createdAt: new Date(date * 1000),
      editedAt: null,
      delivery: null,
    });
    const mine = heard.filter((e) => "sessionId" in e && e.sessionId === session!.id);
    expect(mine).toEqual([
      { type: "message.created", workspaceId: seed.workspace.id, sessionId: session!.id, messageId: message!.id },
      { type: "session.updated", workspaceId: seed.workspace.id, sessionId: session!.id },
    ]);
  });

  it("stores a delivered-again update once and changes nothing the second time", async () => {
    const customer = newCustomer();
    const update = textUpdate(customer, "first version");
    await ok(deliver(seed, update));
    const before = await storedRows(seed);
    await ok(deliver(seed, update));
    // Same update_id, other content: still a duplicate.
    await ok(deliver(seed, { ...update, message: { ...update.message, text: "tampered" } }));
    expect(await storedRows(seed)).toEqual(before);
    expect((await messagesOf(seed, customer)).map((m) => m.text)).toEqual(["first version"]);
  });

  it("stores an update delivered many times at once exactly once", async () => {
    const customer = newCustomer();
    const update = textUpdate(customer, "racing myself");
    const responses = await Promise.all(Array.from({ length: 8 }, () => deliver(seed, update)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await messagesOf(seed, customer)).toHaveLength(1);
    expect(await sessionsOf(seed, customer)).toHaveLength(1);
  });

  it("gives a new customer who sends many messages at once one contact and one session", async () => {
    const customer = newCustomer();
    const updates = Array.from({ length: 10 }, (_, i) => textUpdate(customer, `burst ${i}`));
    const responses = await Promise.all(updates.map((u) => deliver(seed, u)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const [session, ...more] = await sessionsOf(seed, customer); // contactOf asserts exactly one contact
    expect(more).toHaveLength(0);
    const stored = await messagesOf(seed, customer);
    expect(stored).toHaveLength(10);
    expect(new Set(stored.map((m) => m.sessionId))).toEqual(new Set([session!.id]));
  });

  it("continues the open session, keeps the first unanswered time, and follows the customer's profile", async () => {
    const customer = newCustomer({ first_name: "Old", username: "old_name" });
    await ok(deliver(seed, textUpdate(customer, "one")));
    const [first] = await sessionsOf(seed, customer);
    await ok(deliver(seed, textUpdate({ ...customer, first_name: "New", username: undefined }, "two")));
    const [session, ...more] = await sessionsOf(seed, customer);
    expect(more).toHaveLength(0);
    expect(session!.id).toBe(first!.id);
    expect(session!.awaitingReplySince).toEqual(first!.awaitingReplySince);
    expect(session!.lastMessagePreview).toBe("two");
    expect(await contactOf(seed, customer)).toMatchObject({ firstName: "New", username: null });
    expect((await messagesOf(seed, customer)).map((m) => m.sessionId)).toEqual([first!.id, first!.id]);
  });

  it("opens a new session when the previous one was closed", async () => {
    const customer = newCustomer();
    await ok(deliver(seed, textUpdate(customer, "first problem")));
    const [closed] = await sessionsOf(seed, customer);
    await db().update(sessions).set({ status: "closed", closedAt: new Date() }).where(eq(sessions.id, closed!.id));
    await ok(deliver(seed, textUpdate(customer, "second problem")));
    const all = await sessionsOf(seed, customer);
    expect(all.map((s) => s.status).sort()).toEqual(["closed", "open"]);
    const open = all.find((s) => s.status === "open")!;
    expect(open.id).not.toBe(closed!.id);
    expect((await messagesOf(seed, customer)).map((m) => [m.text, m.sessionId])).toEqual([
      ["first problem", closed!.id],
      ["second problem", open.id],
    ]);
  });

  it("stores text PostgreSQL would refuse (U+0000, lone surrogates) cleaned instead of failing forever", async () => {
    const customer = newCustomer({ first_name: "Zero\u0000Byte" });
    const body = JSON.stringify(textUpdate(customer, "x")).replace('"text":"x"', '"text":"a\\u0000b \\ud800c"');
    await ok(deliver(seed, body));
    expect((await messagesOf(seed, customer)).map((m) => m.text)).toEqual(["ab \ufffdc"]);
    expect((await contactOf(seed, customer)).firstName).toBe("ZeroByte");
  });

  it("stores a message in an inactive or archived project (nothing may be lost)", async () => {
    const paused = await seedConnectedProject({ projectStatus: "inactive" });
    const archived = await seedConnectedProject();
    await db().update(projects).set({ archivedAt: new Date() }).where(eq(projects.id, archived.project.id));
    for (const s of [paused, archived]) {
      await ok(deliver(s, textUpdate(newCustomer(), "still there?")));
      expect((await storedRows(s)).messages).toBe(1);
    }
  });
});

describe("media", () => {
  let seed: Seeded;
  beforeAll(async () => {
    seed = await seedConnectedProject();
  });

  const file = (id: string) => ({ file_id: `${id}-file-id`, file_unique_id: `${id}-unique`, file_size: 1234 });
  const cases: Array<[string, Record<string, unknown>, string, string | null, Record<string, unknown>]> = [
    [
      "photo (largest size kept)",
      {
        photo: [
          { ...file("small"), width: 90, height: 60 },
          { ...file("big"), width: 1280, height: 853 },
        ],
        caption: "my receipt",
      },
      "photo",
      "my receipt",
      { fileId: "big-file-id", fileUniqueId: "big-unique", width: 1280, height: 853, fileSize: 1234 },
    ],
    [
      "document",
      { document: { ...file("doc"), file_name: "invoice.pdf", mime_type: "application/pdf" }, caption: "see attached" },
      "document",
      "see attached",
      { fileId: "doc-file-id", fileName: "invoice.pdf", mimeType: "application/pdf" },
    ],
    [
      "voice",
      { voice: { ...file("voice"), duration: 7, mime_type: "audio/ogg" } },
      "voice",
      null,
      { fileId: "voice-file-id", duration: 7 },
    ],
    [
      "video",
      { video: { ...file("video"), width: 640, height: 480, duration: 12, mime_type: "video/mp4" }, caption: "the bug" },
      "video",
      "the bug",
      { fileId: "video-file-id", width: 640, height: 480, duration: 12, mimeType: "video/mp4" },
    ],
    [
      "audio",
      { audio: { ...file("audio"), duration: 200, performer: "Band", title: "Song" } },
      "audio",
      "Band — Song",
      { fileId: "audio-file-id" },
    ],
    [
      "animation (also sent as a document)",
      { animation: { ...file("gif"), width: 200, height: 200, duration: 3 }, document: { ...file("gif") }, caption: "lol" },
      "animation",
      "lol",
      { fileId: "gif-file-id", duration: 3 },
    ],
    [
      "video note",
      { video_note: { ...file("note"), length: 240, duration: 5 } },
      "video_note",
      null,
      { fileId: "note-file-id", duration: 5 },
    ],
    [
      "sticker",
      { sticker: { ...file("sticker"), width: 512, height: 512, emoji: "😀", type: "regular" } },
      "sticker",
      null,
      { fileId: "sticker-file-id", emoji: "😀" },
    ],
    ["location", { location: { latitude: 52.52, longitude: 13.405 } }, "location", null, { latitude: 52.52, longitude: 13.405 }],
    [
      "venue",
      {
        location: { latitude: 48.8584, longitude: 2.2945 },
        venue: { title: "Eiffel Tower", address: "Champ de Mars", location: {} },
      },
      "location",
      "Eiffel Tower\nChamp de Mars",
      { latitude: 48.8584, longitude: 2.2945 },
    ],
    [
      "contact",
      { contact: { phone_number: "+15550100", first_name: "Bob", last_name: "Smith", user_id: 99 } },
      "contact",
      null,
      { phoneNumber: "+15550100", firstName: "Bob", lastName: "Smith" },
    ],
    [
      "poll (kind other)",
      { poll: { id: "1", question: "Which plan?", options: [] } },
      "other",
      "Which plan?",
      { telegramType: "poll" },
    ],
    ["dice (kind other)", { dice: { emoji: "🎲", value: 4 } }, "other", null, { telegramType: "dice" }],
  ];

  it.each(cases)("stores a %s with its file id, type and caption", async (_label, fields, kind, text, media) => {
    const customer = newCustomer();
    await ok(deliver(seed, messageUpdate(customer, fields)));
    const [message, ...more] = await messagesOf(seed, customer);
    expect(more).toHaveLength(0);
    expect(message).toMatchObject({ kind, text });
    expect(message!.media).toMatchObject(media);
    const [session] = await sessionsOf(seed, customer);
    const preview = `[${kind.replace("_", " ")}] ${(text ?? "").replace(/\s+/g, " ")}`;
    expect(session!.lastMessagePreview.trimEnd()).toBe(preview.trimEnd());
  });
});

describe("edited messages", () => {
  let seed: Seeded;
  beforeAll(async () => {
    seed = await seedConnectedProject();
  });

  it("updates the stored message and keeps every previous text, oldest first", async () => {
    const customer = newCustomer();
    const original = textUpdate(customer, "I ordered 2 boxes");
    await ok(deliver(seed, original));
    const messageId = original.message.message_id;
    const t1 = original.message.date + 5;
    await ok(deliver(seed, editUpdate(customer, messageId, { text: "I ordered 3 boxes" }, t1)));
    await ok(deliver(seed, editUpdate(customer, messageId, { text: "I ordered 4 boxes" }, t1 + 5)));

    const [message, ...more] = await messagesOf(seed, customer);
    expect(more).toHaveLength(0);
    expect(message!.text).toBe("I ordered 4 boxes");
    expect(message!.editedAt).toEqual(new Date((t1 + 5) * 1000));
    expect(message!.editHistory.map((e) => e.text)).toEqual(["I ordered 2 boxes", "I ordered 3 boxes"]);
    expect(new Date(message!.editHistory[0]!.editedAt)).toEqual(new Date(original.message.date * 1000));
    expect(new Date(message!.editHistory[1]!.editedAt)).toEqual(new Date(t1 * 1000));
  });

  it("ignores an edit older than the stored version (deliveries overtaking each other)", async () => {
    const customer = newCustomer();
    const original = textUpdate(customer, "v1");
    await ok(deliver(seed, original));
    const id = original.message.message_id;
    await ok(deliver(seed, editUpdate(customer, id, { text: "v3" }, original.message.date + 20)));
    await ok(deliver(seed, editUpdate(customer, id, { text: "v2" }, original.message.date + 10)));
    const [message] = await messagesOf(seed, customer);
    expect(message!.text).toBe("v3");
    expect(message!.editHistory.map((e) => e.text)).toEqual(["v1"]);
  });

  it("updates a media caption", async () => {
    const customer = newCustomer();
    const photo = [{ file_id: "p1", file_unique_id: "u1", width: 10, height: 10 }];
    const original = messageUpdate(customer, { photo, caption: "blurry" });
    await ok(deliver(seed, original));
    await ok(deliver(seed, editUpdate(customer, original.message.message_id, { photo, caption: "sharper" })));
    const [message] = await messagesOf(seed, customer);
    expect(message).toMatchObject({ kind: "photo", text: "sharper" });
    expect(message!.editHistory.map((e) => e.text)).toEqual(["blurry"]);
  });

  it("stores the edit of a message it never saw as that message, marked edited", async () => {
    const customer = newCustomer();
    const edit = editUpdate(customer, 424242, { text: "edited before we knew it" });
    await ok(deliver(seed, edit));
    const [message, ...more] = await messagesOf(seed, customer);
    expect(more).toHaveLength(0);
    expect(message).toMatchObject({ text: "edited before we knew it", telegramMessageId: 424242, editHistory: [] });
    expect(message!.editedAt).toEqual(new Date(edit.edited_message.edit_date * 1000));
    expect(await sessionsOf(seed, customer)).toHaveLength(1);
  });

  it("does not treat an edit into /start as a new Start", async () => {
    const customer = newCustomer();
    const original = textUpdate(customer, "typo");
    await ok(deliver(seed, original));
    await ok(deliver(seed, editUpdate(customer, original.message.message_id, { text: "/start promo" })));
    const stored = await messagesOf(seed, customer);
    expect(stored.map((m) => m.author)).toEqual(["customer"]);
    expect((await contactOf(seed, customer)).lastStartPayload).toBeNull();
  });
});

describe("/start", () => {
  let seed: Seeded;
  beforeAll(async () => {
    seed = await seedConnectedProject({ welcomeMessage: "Welcome to Acme support!" });
  });

  it("stores the /start and queues the project's welcome message in the same session", async () => {
    const customer = newCustomer();
    const heard: BusEvent[] = [];
    const unsubscribe = eventBus().subscribe((event) => heard.push(event));
    try {
      await ok(deliver(seed, textUpdate(customer, "/start")));
    } finally {
      unsubscribe();
    }
    const [start, welcome, ...more] = await messagesOf(seed, customer);
    expect(more).toHaveLength(0);
    expect(start).toMatchObject({ author: "customer", text: "/start", delivery: null });
    expect(welcome).toMatchObject({
      author: "bot",
      text: "Welcome to Acme support!",
      delivery: "queued",
      sessionId: start!.sessionId,
    });
    expect(await contactOf(seed, customer)).toMatchObject({ firstStartPayload: null, lastStartPayload: null });
    const [session] = await sessionsOf(seed, customer);
    // The welcome is the latest message, but the customer is still waiting for a person.
    expect(session).toMatchObject({ lastMessageAuthor: "bot", lastMessagePreview: "Welcome to Acme support!" });
    expect(session!.awaitingReplySince).toBeInstanceOf(Date);
    expect(heard).toContainEqual({ type: "outbox.queued", messageId: welcome!.id });
  });

  it("keeps the first payload and the latest one on the contact", async () => {
    const customer = newCustomer();
    await ok(deliver(seed, textUpdate(customer, "/start ad_campaign-1")));
    expect(await contactOf(seed, customer)).toMatchObject({
      firstStartPayload: "ad_campaign-1",
      lastStartPayload: "ad_campaign-1",
    });
    await ok(deliver(seed, textUpdate(customer, "/start newsletter")));
    expect(await contactOf(seed, customer)).toMatchObject({ firstStartPayload: "ad_campaign-1", lastStartPayload: "newsletter" });
    await ok(deliver(seed, textUpdate(customer, "/start")));
    expect(await contactOf(seed, customer)).toMatchObject({ firstStartPayload: "ad_campaign-1", lastStartPayload: "newsletter" });
    await ok(deliver(seed, textUpdate(customer, "/start@seed_bot qr-code")));
    expect(await contactOf(seed, customer)).toMatchObject({ firstStartPayload: "ad_campaign-1", lastStartPayload: "qr-code" });
    const welcomes = (await messagesOf(seed, customer)).filter((m) => m.author === "bot");
    expect(welcomes).toHaveLength(4);
  });

  it.each([
    ["outside Telegram's alphabet", "/start hello world!"],
    ["longer than 64 characters", `/start ${"a".repeat(65)}`],
    ["with quotes", "/start a'b"],
  ])("ignores a payload %s but still welcomes", async (_label, text) => {
    const customer = newCustomer();
    await ok(deliver(seed, textUpdate(customer, text)));
    expect(await contactOf(seed, customer)).toMatchObject({ firstStartPayload: null, lastStartPayload: null });
    expect((await messagesOf(seed, customer)).map((m) => m.author)).toEqual(["customer", "bot"]);
  });

  it("does not take other text for a Start", async () => {
    const customer = newCustomer();
    for (const text of ["/started", "please /start", "/help", "/startle x"]) await ok(deliver(seed, textUpdate(customer, text)));
    expect((await messagesOf(seed, customer)).every((m) => m.author === "customer")).toBe(true);
  });

  it("sends no welcome for a paused project or an empty welcome message", async () => {
    for (const s of [
      await seedConnectedProject({ projectStatus: "inactive" }),
      await seedConnectedProject({ welcomeMessage: "  " }),
    ]) {
      const customer = newCustomer();
      await ok(deliver(s, textUpdate(customer, "/start promo")));
      expect((await messagesOf(s, customer)).map((m) => m.author)).toEqual(["customer"]);
      expect(await contactOf(s, customer)).toMatchObject({ lastStartPayload: "promo" });
    }
  });
});

describe("updates Deskgram does not handle", () => {
  it("answers 200, counts them per kind, and stores nothing else", async () => {
    const seed = await seedConnectedProject();
    const customer = newCustomer();
    const group = { id: -100123, type: "supergroup", title: "Fans" };
    const updates = [
      {
        update_id: nextUpdateId(),
        callback_query: { id: "1", from: { id: customer.id, is_bot: false, first_name: "A" }, data: "x" },
      },
      {
        update_id: nextUpdateId(),
        callback_query: { id: "2", from: { id: customer.id, is_bot: false, first_name: "A" }, data: "y" },
      },
      { update_id: nextUpdateId(), my_chat_member: { chat: { id: customer.id, type: "private" } } },
      { update_id: nextUpdateId(), channel_post: { message_id: 1, chat: { id: -100, type: "channel" }, date: 1, text: "news" } },
      {
        update_id: nextUpdateId(),
        message: { message_id: 5, chat: group, date: 1, text: "hi group", from: { id: 7, first_name: "G" } },
      },
      { update_id: nextUpdateId(), message: { message_id: 6, chat: { id: 8, type: "private" }, date: 1, text: "no sender" } },
      {
        update_id: nextUpdateId(),
        edited_message: { message_id: 5, chat: group, date: 1, edit_date: 2, text: "edited", from: { id: 7, first_name: "G" } },
      },
      { update_id: nextUpdateId(), "Weird Kind!": {} },
    ];
    for (const update of updates) await ok(deliver(seed, update));
    // A repeated delivery is a duplicate, not counted again.
    await ok(deliver(seed, updates[0]));

    const counts = await db()
      .select({ kind: unhandledUpdateCounts.kind, count: unhandledUpdateCounts.count })
      .from(unhandledUpdateCounts)
      .where(eq(unhandledUpdateCounts.botTelegramId, seed.bot.telegramId))
      .orderBy(unhandledUpdateCounts.kind);
    expect(counts).toEqual([
      { kind: "callback_query", count: 2 },
      { kind: "channel_post", count: 1 },
      { kind: "edited_message", count: 1 },
      { kind: "message", count: 2 },
      { kind: "my_chat_member", count: 1 },
      { kind: "unknown", count: 1 },
    ]);
    expect(await storedRows(seed)).toMatchObject({ updates: updates.length, contacts: 0, sessions: 0, messages: 0 });
  });
});

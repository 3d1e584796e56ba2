import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { contacts } from "@/db/schema";
import { MAX_BODY_BYTES } from "@/lib/http/limit-body";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import {
  deliver,
  editUpdate,
  messageUpdate,
  newCustomer,
  projectMessages,
  storedRows,
  textUpdate,
  type Customer,
  type Seeded,
} from "./test-fixtures";

// Telegram counts characters; a stored value is checked in code points so an emoji counts once.
const codePoints = (s: string | null | undefined) => [...(s ?? "")].length;

async function contactOf(seed: Seeded, customer: Customer) {
  const [contact] = await database()
    .select()
    .from(contacts)
    .where(and(eq(contacts.projectId, seed.project.id), eq(contacts.telegramUserId, customer.id)));
  return contact!;
}

async function messagesOf(seed: Seeded, customer: Customer) {
  return (await projectMessages(seed)).filter((m) => m.chatId === customer.id && m.author === "customer");
}

/** Delivers an update twice, as Telegram does after a lost answer: both acknowledged, the second stores nothing. */
async function deliverTwice(seed: Seeded, update: unknown) {
  const body = JSON.stringify(update);
  expect(new TextEncoder().encode(body).byteLength).toBeLessThanOrEqual(MAX_BODY_BYTES);
  expect((await deliver(seed, body)).status).toBe(200);
  const once = await storedRows(seed);
  expect((await deliver(seed, body)).status).toBe(200);
  expect(await storedRows(seed)).toEqual(once);
}

describe("Telegram's field limits on incoming updates", () => {
  let seed: Seeded;
  beforeAll(async () => {
    seed = await seedConnectedProject({ welcomeMessage: "Hi!" });
  });

  it("stores a 900,000-character first name (within the 1 MiB body limit) cut to 64 characters", async () => {
    const customer = newCustomer({ first_name: "N".repeat(900_000), last_name: "L".repeat(900) });
    const update = textUpdate(customer, "hello");
    // Telegram repeats the name in the chat; here only `from` carries it, so the body stays under the limit.
    update.message.chat.first_name = "N";
    await deliverTwice(seed, update);
    expect(await contactOf(seed, customer)).toMatchObject({ firstName: "N".repeat(64), lastName: "L".repeat(64) });
    expect((await messagesOf(seed, customer)).map((m) => m.text)).toEqual(["hello"]);
  });

  it("keeps a first name of exactly 64 characters and cuts one of 65", async () => {
    const exact = newCustomer({ first_name: "E".repeat(64) });
    const over = newCustomer({ first_name: "O".repeat(65) });
    await deliverTwice(seed, textUpdate(exact, "a"));
    await deliverTwice(seed, textUpdate(over, "b"));
    expect((await contactOf(seed, exact)).firstName).toBe("E".repeat(64));
    expect((await contactOf(seed, over)).firstName).toBe("O".repeat(64));
  });

  it("cuts on a code point boundary, never splitting a surrogate pair", async () => {
    // The 64th character is an emoji (two UTF-16 units): it is kept whole, the rest is cut.
    const customer = newCustomer({ first_name: `${"a".repeat(63)}😀b`, last_name: "😀".repeat(65) });
    await deliverTwice(seed, textUpdate(customer, `${"x".repeat(4095)}👍👍`));
    const contact = await contactOf(seed, customer);
    expect(contact.firstName).toBe(`${"a".repeat(63)}😀`);
    expect(contact.lastName).toBe("😀".repeat(64));
    const [message] = await messagesOf(seed, customer);
    expect(message!.text).toBe(`${"x".repeat(4095)}👍`);
    expect(message!.text!.isWellFormed()).toBe(true);
  });

  it("stores a 5,000-character text as its first 4,096 characters", async () => {
    const customer = newCustomer();
    const text = "0123456789".repeat(500);
    await deliverTwice(seed, textUpdate(customer, text));
    const [message, ...more] = await messagesOf(seed, customer);
    expect(more).toHaveLength(0);
    expect(message!.text).toBe(text.slice(0, 4096));
  });

  it("stores a 2,000-character caption as its first 1,024 characters, with the photo", async () => {
    const customer = newCustomer();
    const caption = "c".repeat(2000);
    const photo = [{ file_id: "photo-id", file_unique_id: "photo-unique", width: 10, height: 10 }];
    await deliverTwice(seed, messageUpdate(customer, { photo, caption }));
    const [message] = await messagesOf(seed, customer);
    expect(message).toMatchObject({ kind: "photo", text: "c".repeat(1024) });
    expect(message!.media).toMatchObject({ fileId: "photo-id", fileUniqueId: "photo-unique" });
  });

  it("drops a username and a language code that cannot be Telegram's, keeping the rest of the contact", async () => {
    const customer = newCustomer({ first_name: "Grace", username: "u".repeat(33), language_code: "x".repeat(17) });
    await deliverTwice(seed, textUpdate(customer, "hello"));
    expect(await contactOf(seed, customer)).toMatchObject({ firstName: "Grace", username: null, languageCode: null });
    const spaced = newCustomer({ username: "not a username" });
    await deliverTwice(seed, textUpdate(spaced, "hi"));
    expect((await contactOf(seed, spaced)).username).toBeNull();
    expect((await messagesOf(seed, customer)).map((m) => m.text)).toEqual(["hello"]);
  });

  it("stores a /start with an overlong payload, ignoring the payload but still welcoming", async () => {
    const customer = newCustomer();
    await deliverTwice(seed, textUpdate(customer, `/start ${"p".repeat(5000)}`));
    expect(await contactOf(seed, customer)).toMatchObject({ firstStartPayload: null, lastStartPayload: null });
    const stored = (await projectMessages(seed)).filter((m) => m.chatId === customer.id);
    expect(stored.map((m) => m.author)).toEqual(["customer", "bot"]);
    expect(codePoints(stored[0]!.text)).toBe(4096);
  });

  it("keeps a document whose file id cannot be Telegram's, without that id, and bounds its name and type", async () => {
    const customer = newCustomer();
    const document = {
      file_id: "f".repeat(10_000),
      file_unique_id: "u".repeat(10_000),
      file_name: "n".repeat(1000),
      mime_type: `a/${"b".repeat(300)}`,
    };
    await deliverTwice(seed, messageUpdate(customer, { document, caption: "my invoice" }));
    const [message] = await messagesOf(seed, customer);
    expect(message).toMatchObject({ kind: "document", text: "my invoice" });
    expect(message!.media).toEqual({ fileName: "n".repeat(255) });
  });

  it("bounds an edit like a new message", async () => {
    const customer = newCustomer();
    const original = textUpdate(customer, "short");
    await deliverTwice(seed, original);
    await deliverTwice(seed, editUpdate(customer, original.message.message_id, { text: "e".repeat(9000) }));
    const [message] = await messagesOf(seed, customer);
    expect(message!.text).toBe("e".repeat(4096));
    expect(message!.editHistory.map((e) => e.text)).toEqual(["short"]);
  });

  it("bounds the strings of a shared contact, a venue, a poll, an audio and a sticker", async () => {
    const long = "z".repeat(5000);
    const cases: Array<[Record<string, unknown>, (m: Awaited<ReturnType<typeof messagesOf>>[number]) => void]> = [
      [
        { contact: { phone_number: long, first_name: long, last_name: long } },
        (m) => expect(m.media).toEqual({ firstName: "z".repeat(64), lastName: "z".repeat(64) }),
      ],
      [
        { location: { latitude: 1, longitude: 2 }, venue: { title: long, address: long } },
        (m) => expect(m.text).toBe(`${"z".repeat(255)}\n${"z".repeat(255)}`),
      ],
      [{ poll: { question: long } }, (m) => expect(m.text).toBe("z".repeat(300))],
      [
        { audio: { file_id: "a", performer: long, title: long } },
        (m) => expect(m.text).toBe(`${"z".repeat(255)} — ${"z".repeat(255)}`),
      ],
      [{ sticker: { file_id: "s", emoji: "😀".repeat(20) } }, (m) => expect(m.media).toEqual({ fileId: "s" })],
    ];
    for (const [fields, check] of cases) {
      const customer = newCustomer();
      await deliverTwice(seed, messageUpdate(customer, fields));
      const [message, ...more] = await messagesOf(seed, customer);
      expect(more).toHaveLength(0);
      check(message!);
    }
  });
});

import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { handleTelegramWebhook } from "./handle-webhook";
import { TELEGRAM_LIMITS as L } from "./telegram-limits";
import { messageUpdate, newCustomer, storedRows, textUpdate, webhookRequest, type Seeded } from "./test-fixtures";

/**
 * Throws a few hundred malformed and random bodies at the webhook with the right secret. Every
 * answer must be 200, 400 or 413 (never 5xx, never a throw), and a refused body stores nothing; a
 * well-formed update is always acknowledged, however long its strings, and stored within Telegram's limits.
 * The generator is seeded: a failure names the seed and the case, so it can be replayed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const CASES = 400;

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const STRINGS = [
  "",
  "hello",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff lone",
  "😀👨‍👩‍👧‍👦",
  "مرحبا",
  "שלום",
  "日本語テキスト",
  "\u202e\u200b\ufeff",
  "'; drop table messages; --",
  "<script>alert(1)</script>",
  "/start",
  "/start bad payload!",
  "/start ok_payload",
  "x".repeat(70),
  "y".repeat(5000),
  "w".repeat(20_000),
  `${"😀".repeat(63)}👨‍👩‍👧‍👦`,
  "😀".repeat(3000),
  "private",
  "supergroup",
  "__proto__",
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -2.5,
  42,
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  1e308,
  -1e308,
  253_402_300_800,
];
const KEYS = [
  "update_id",
  "message",
  "edited_message",
  "callback_query",
  "chat",
  "from",
  "id",
  "type",
  "text",
  "date",
  "photo",
  "__proto__",
  "constructor",
  "ü",
  "",
];

function generator(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);

  function value(depth: number): Json {
    const roll = random();
    if (depth > 4 || roll < 0.15) return pick(NUMBERS);
    if (roll < 0.3) return pick(STRINGS);
    if (roll < 0.35) return null;
    if (roll < 0.4) return random() < 0.5;
    if (roll < 0.6) return Array.from({ length: int(4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(KEYS), value(depth + 1)]));
  }

  /** A real update with one field somewhere replaced, removed, or given a wrong type. */
  function mutatedUpdate(): Json {
    const customer = newCustomer();
    const bases = [
      () => textUpdate(customer, "hello"),
      () => messageUpdate(customer, { photo: [{ file_id: "f", file_unique_id: "u", width: 1, height: 1 }], caption: "c" }),
      () => messageUpdate(customer, { document: { file_id: "d", file_name: "a.pdf" } }),
      () => messageUpdate(customer, { location: { latitude: 1, longitude: 2 } }),
      () => messageUpdate(customer, { contact: { phone_number: "1", first_name: "B" } }),
      () => ({ update_id: int(1e9), edited_message: { ...textUpdate(customer, "x").message, edit_date: 1 } }),
    ];
    const update = JSON.parse(JSON.stringify(pick(bases)())) as { [key: string]: Json };
    let node: { [key: string]: Json } = update;
    for (;;) {
      const keys = Object.keys(node);
      const key = pick(keys);
      const child = node[key];
      if (child && typeof child === "object" && !Array.isArray(child) && random() < 0.6) {
        node = child;
        continue;
      }
      if (random() < 0.25) delete node[key];
      else node[key] = value(2);
      return update;
    }
  }

  /** A well-formed update whose stored strings are hostile (NUL, lone surrogates, overlong, scripts). */
  function hostileStrings(): Json {
    const customer = newCustomer({
      first_name: pick(STRINGS),
      last_name: pick(STRINGS),
      username: pick(STRINGS),
      language_code: pick(STRINGS),
    });
    const file = { file_id: pick(STRINGS), file_unique_id: pick(STRINGS), file_name: pick(STRINGS), mime_type: pick(STRINGS) };
    const content = pick([
      { text: pick(STRINGS) },
      { photo: [{ ...file, width: 1, height: 1 }], caption: pick(STRINGS) },
      { document: file, caption: pick(STRINGS) },
      { sticker: { ...file, emoji: pick(STRINGS) } },
      { contact: { phone_number: pick(STRINGS), first_name: pick(STRINGS), last_name: pick(STRINGS) } },
      { location: { latitude: 1, longitude: 1 }, venue: { title: pick(STRINGS), address: pick(STRINGS) } },
    ]);
    return messageUpdate(customer, content) as unknown as Json;
  }

  function deepNesting(): string {
    const depth = 1000 + int(50_000);
    return random() < 0.5
      ? "[".repeat(depth) + "]".repeat(depth)
      : `{"update_id":1,"x":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`;
  }

  function garbage(): Uint8Array {
    return Uint8Array.from({ length: int(2000) }, () => int(256));
  }

  /** Random JSON, broken JSON, random bytes or a body over the size limit. */
  function randomBody(roll: number): string | Uint8Array {
    if (roll < 0.6) return JSON.stringify(value(0));
    if (roll < 0.68) return JSON.stringify({ update_id: pick(NUMBERS), [pick(KEYS)]: value(1) });
    if (roll < 0.76) return garbage();
    if (roll < 0.82) return deepNesting();
    if (roll < 0.9) {
      // Valid JSON, cut short or with junk after it.
      const json = JSON.stringify(mutatedUpdate());
      return random() < 0.5 ? json.slice(0, int(json.length)) : `${json}${pick(["}", ",", " x", "\u0000"])}`;
    }
    if (roll < 0.95)
      return `{"update_id": ${pick(["1e400", "-1e400", "123456789012345678901234567890", "0x10", "NaN", "Infinity", "1.0", "01"])}}`;
    return JSON.stringify(textUpdate(newCustomer(), "z".repeat(1024 * 1024 + int(1000))));
  }

  /** A body, and whether it is a well-formed update that must be acknowledged with 200. */
  return function body(): { body: string | Uint8Array; wellFormed?: boolean } {
    const roll = random();
    if (roll < 0.3) return { body: JSON.stringify(mutatedUpdate()) };
    if (roll < 0.45) return { body: JSON.stringify(hostileStrings()), wellFormed: true };
    return { body: randomBody(roll) };
  };
}

/** The longest value (in code points) of each stored string of the project, by column or media key. */
async function longestStored(seed: Seeded): Promise<Record<string, number>> {
  const rows = await database().execute<{ field: string; longest: number }>(sql`
    select 'contact.' || f.key as field, max(char_length(f.value)) as longest
    from contacts c, jsonb_each_text(jsonb_build_object('firstName', c.first_name, 'lastName', c.last_name,
      'username', c.username, 'languageCode', c.language_code)) f
    where c.project_id = ${seed.project.id} group by f.key
    union all
    select 'message.text', max(char_length(text)) from messages where project_id = ${seed.project.id}
    union all
    select 'media.' || f.key, max(char_length(f.value))
    from messages m, jsonb_each_text(m.media) f where m.project_id = ${seed.project.id} group by f.key
  `);
  return Object.fromEntries(rows.map((r) => [r.field, Number(r.longest)]));
}

const STORED_LIMITS: Record<string, number> = {
  "contact.firstName": L.firstName,
  "contact.lastName": L.lastName,
  "contact.username": L.username,
  "contact.languageCode": L.languageCode,
  // Also a caption, a poll question, a venue's or an audio's label: all shorter.
  "message.text": L.text,
  "media.fileId": L.fileId,
  "media.fileUniqueId": L.fileUniqueId,
  "media.fileName": L.fileName,
  "media.mimeType": L.mimeType,
  "media.emoji": L.emoji,
  "media.phoneNumber": L.phoneNumber,
  "media.firstName": L.firstName,
  "media.lastName": L.lastName,
};

describe("webhook fuzzing", () => {
  let seed: Seeded;
  beforeAll(async () => {
    seed = await seedConnectedProject();
  });

  it(`answers ${CASES} random and malformed bodies with 200/400/413, never 5xx, storing nothing for refused ones (seed ${SEED})`, async () => {
    const next = generator(prng(SEED));
    const statuses = new Map<number, number>();
    for (let i = 0; i < CASES; i++) {
      const { body, wellFormed } = next();
      const before = await storedRows(seed);
      let status: number;
      try {
        status = (await handleTelegramWebhook(webhookRequest(body, { secret: seed.secret }), seed.bot.id)).status;
      } catch (error) {
        throw new Error(`case ${i} (seed ${SEED}) threw: ${String(error)}`);
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const label = `case ${i} (seed ${SEED}): ${typeof body === "string" ? body.slice(0, 300) : `${body.length} random bytes`}`;
      expect(wellFormed ? [200] : [200, 400, 413], label).toContain(status);
      const after = await storedRows(seed);
      if (status !== 200) expect(after, label).toEqual(before);
      else expect(after.updates - before.updates, label).toBeLessThanOrEqual(1);
    }
    for (const [field, longest] of Object.entries(await longestStored(seed))) {
      expect(longest, `${field} (seed ${SEED})`).toBeLessThanOrEqual(STORED_LIMITS[field] ?? 255);
    }
    console.log(`webhook fuzz (seed ${SEED}): ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}`);
    // The generator must exercise both sides, or the test proves nothing.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(20);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(413) ?? 0).toBeGreaterThan(0);
  }, 120_000);
});

/**
 * `npm run bench:webhook`: the production build against real PostgreSQL and Redis. N distinct
 * customers send updates over 32 connections to POST /api/telegram/{botId}; the same load hits an
 * empty Next.js route handler in the same run as the baseline. Afterwards every update must be
 * stored exactly once, and re-delivering a sample must change nothing. Under `npm start` (as here)
 * the Node server answers webhook deliveries itself, before Next.js's router
 * (server/runtime/direct-routes.ts); the baseline still goes through Next.js.
 *
 * DATABASE_URL / REDIS_URL default to the local servers; BENCH_UPDATES, BENCH_CUSTOMERS and
 * BENCH_CONNECTIONS adjust the load; BENCH_NODE_ARGS adds flags to the server's Node. Figures are printed, never asserted: timing never fails CI.
 */
import autocannon from "autocannon";
import { CONNECTIONS, WARMUP, figuresOf, printTable, seedBotWorkspace, startBenchServer } from "./http-harness";

const UPDATES = Number(process.env.BENCH_UPDATES ?? 20_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 2_000);
const PORT = process.env.BENCH_PORT ?? "3200";
const BOT_TELEGRAM_ID = 7_000_000_001;

function textUpdate(updateId: number, customer: number, messageId: number) {
  const userId = 500_000_000 + customer;
  return {
    update_id: updateId,
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      from: {
        id: userId,
        is_bot: false,
        first_name: `Customer ${customer}`,
        username: `customer_${customer}`,
        language_code: "en",
      },
      chat: { id: userId, type: "private", first_name: `Customer ${customer}` },
      text: `Hello, I need help with order #${updateId}. It has not arrived yet.`,
    },
  };
}

/** One autocannon run: `amount` requests, each body from `body(i)`. */
async function load(label: string, url: string, amount: number, headers: Record<string, string>, body: (i: number) => unknown) {
  let next = 0;
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    amount,
    timeout: 30,
    headers: { "content-type": "application/json", ...headers },
    requests: [
      {
        setupRequest(request) {
          return { ...request, body: JSON.stringify(body(next++)) };
        },
      },
    ],
  });
  return figuresOf(label, result, result["2xx"]);
}

async function main() {
  console.log(`${UPDATES} updates from ${CUSTOMERS} customers over ${CONNECTIONS} connections`);
  const bench = await startBenchServer({ port: PORT });
  const { sql } = bench;
  try {
    const { botId, secret } = await seedBotWorkspace(bench, { telegramId: BOT_TELEGRAM_ID, username: "bench_bot" });
    const webhook = `${bench.origin}/api/telegram/${botId}`;
    const empty = `${bench.origin}/api/bench/empty`;
    const headers = { "x-telegram-bot-api-secret-token": secret };
    const messageIds = new Map<number, number>();
    const nextMessageId = (customer: number) => {
      const id = (messageIds.get(customer) ?? 0) + 1;
      messageIds.set(customer, id);
      return id;
    };
    let updateId = 1;
    const webhookBody = () => {
      const id = updateId++;
      const customer = id % CUSTOMERS;
      return textUpdate(id, customer, nextMessageId(customer));
    };

    // Warm both routes up (JIT, connection pools, caches), then measure each in turn.
    await load("warm-up empty", empty, WARMUP, {}, (i) => textUpdate(i, i % CUSTOMERS, 1));
    await load("warm-up webhook", webhook, WARMUP, headers, webhookBody);
    const baseline = await load("empty Next.js route handler", empty, UPDATES, {}, (i) => textUpdate(i, i % CUSTOMERS, 1));
    const measured = await load("POST /api/telegram/{botId} (Node)", webhook, UPDATES, headers, webhookBody);
    printTable([baseline, measured], "non-2xx");
    console.log(
      `\nthroughput ratio webhook/empty: ${(measured.perSecond / baseline.perSecond).toFixed(2)} (target ≥ 0.6); webhook p99 ${measured.p99} ms (target < 100 ms)`,
    );

    // Exactly once: every update answered 200 is stored once; re-delivering a sample changes nothing.
    const sent = updateId - 1;
    const sample = Array.from({ length: 500 }, (_, i) => 1 + Math.floor((i * sent) / 500));
    const replay = await load("re-delivered duplicates", webhook, sample.length, headers, (i) => {
      const id = sample[i % sample.length]!;
      return textUpdate(id, id % CUSTOMERS, 0);
    });
    const [counts] = await sql`select
        (select count(*)::int from telegram_updates where bot_telegram_id = ${BOT_TELEGRAM_ID}) as updates,
        (select count(*)::int from messages where author = 'customer') as messages,
        (select count(*)::int from (select chat_id, telegram_message_id from messages where author = 'customer'
           group by 1, 2 having count(*) > 1) d) as duplicated,
        (select count(*)::int from contacts) as contacts,
        (select count(*)::int from sessions) as sessions`;
    const lost = sent - counts!.messages;
    console.log(
      `\nverification: sent ${sent} distinct updates (+${replay.requests} duplicates, ${replay.unexpected} non-2xx); stored ${counts!.updates} updates, ${counts!.messages} messages, ${counts!.contacts} contacts, ${counts!.sessions} sessions`,
    );
    console.log(
      `lost: ${lost}   stored twice: ${counts!.duplicated + Math.max(0, counts!.messages - sent)}   failed requests: ${measured.unexpected + measured.errors}`,
    );
    if (lost !== 0 || counts!.duplicated !== 0 || counts!.updates !== sent) process.exitCode = 1;
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

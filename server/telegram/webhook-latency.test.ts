import { beforeAll, describe, expect, it } from "vitest";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { deliver, newCustomer, storedRows, textUpdate, type Seeded } from "./test-fixtures";

const UPDATES = Number(process.env.WEBHOOK_LATENCY_UPDATES ?? 1000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The webhook is the hot path: this prints what one update costs through the handler against the
 * real database (sequential, so it is latency, not throughput). It asserts only that every update
 * was stored once; the figures are for reading, never a reason to fail.
 */
describe("webhook latency", () => {
  let seed: Seeded;
  beforeAll(async () => {
    seed = await seedConnectedProject();
  });

  it(`stores ${UPDATES} sequential updates of 100 customers, each exactly once, and prints the latency`, async () => {
    const customers = Array.from({ length: 100 }, () => newCustomer());
    // Warm up: connections, the bot cache, prepared statements.
    for (let i = 0; i < 20; i++) expect((await deliver(seed, textUpdate(customers[i % 100]!, `warm-up ${i}`))).status).toBe(200);
    const before = await storedRows(seed);

    const times: number[] = [];
    for (let i = 0; i < UPDATES; i++) {
      const update = textUpdate(customers[i % customers.length]!, `message number ${i}`);
      const started = performance.now();
      const response = await deliver(seed, update);
      times.push(performance.now() - started);
      expect(response.status).toBe(200);
    }

    const after = await storedRows(seed);
    expect(after.messages - before.messages).toBe(UPDATES);
    expect(after.updates - before.updates).toBe(UPDATES);
    expect(after.sessions).toBe(100);

    const sorted = [...times].sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(
      `webhook latency over ${UPDATES} sequential updates (handler + database, in process): ` +
        `mean ${mean.toFixed(2)} ms, p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, ` +
        `max ${sorted[sorted.length - 1]!.toFixed(2)} ms`,
    );
  }, 120_000);
});

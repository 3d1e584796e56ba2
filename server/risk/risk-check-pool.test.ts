import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "@/server/testing/eventually";
import { RISK_CHECK_BUDGET } from "./check-budget";
import type { RiskGroupRules } from "./compile-matcher";
import { RiskCheckPool, type RiskRules } from "./risk-check-pool";

const ENTRY = path.join(process.cwd(), "server", "risk", "risk-check-worker-boot.mjs");
/** Stopping the thread and answering take a moment past the deadline. */
const SLACK_MS = 150;
const sender = { userId: "agent", skillGroupIds: [] };
const REPLY = "a".repeat(4096);
let keys = 0;

// A health client in its own process: a GET every 5 ms (not waiting for answers, as independent users
// would) for the given time, then the p99 of all answers in ms.
const PINGER = `
const http = require("node:http");
const [port, ms] = process.argv.slice(1).map(Number);
const times = [];
const pending = [];
const ping = () => pending.push(new Promise((resolve) => {
  const started = performance.now();
  http.get({ host: "127.0.0.1", port, path: "/api/health", agent: false }, (res) => {
    res.resume();
    res.on("end", () => resolve(times.push(performance.now() - started)));
  }).on("error", resolve);
}));
const timer = setInterval(ping, 5);
setTimeout(async () => {
  clearInterval(timer);
  await Promise.all(pending);
  times.sort((a, b) => a - b);
  process.stdout.write(String(times[Math.floor(times.length * 0.99)]));
}, ms);
`;

/** Rules as a group saved before save-time limits existed could hold them. */
function rules(patterns: string[], keywords: string[] = []): RiskRules {
  const group: RiskGroupRules = {
    id: `g${++keys}`,
    name: "Group",
    action: "confirm",
    keywords,
    patterns,
    exemptUserIds: [],
    exemptSkillGroupIds: [],
  };
  return { key: `project:${keys}`, groups: [group] };
}

const pools: RiskCheckPool[] = [];
const newPool = (entry: string | null = ENTRY, deadlineMs = 200) => {
  const pool = new RiskCheckPool(entry, deadlineMs);
  pools.push(pool);
  return pool;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe("risk checks off the server's thread", () => {
  it("stops a check past the deadline, answers it as timed out, and answers that project's next checks at once", async () => {
    const pool = newPool();
    const hostile = rules(["(\\w{1,100}){10}"]);
    const first = await pool.check("ws-a", hostile, REPLY, sender);
    expect(first.timedOut).toBe(true);
    expect(first.ms).toBeLessThan(200 + SLACK_MS);
    const started = performance.now();
    expect(await pool.check("ws-a", hostile, REPLY, sender)).toMatchObject({ timedOut: true, ms: 0 });
    expect(performance.now() - started).toBeLessThan(50);
    // A new thread serves everyone else.
    const fine = await pool.check("ws-b", rules(["t\\.me/\\w+"], ["wallet"]), "my wallet is t.me/cash", sender);
    expect(fine.timedOut).toBe(false);
    expect(fine.hits.map((h) => h.matched)).toEqual(["wallet", "t\\.me/\\w+"]);
  });

  it("takes workspaces in turn: one tenant's slow checks do not hold another's", async () => {
    const pool = newPool();
    await pool.check("warm-up", rules(["x"]), "x", sender);
    const order: string[] = [];
    const slow = Array.from({ length: 4 }, (_, i) =>
      pool.check("ws-slow", rules(["(\\w{1,100}){10}"]), REPLY, sender).then(() => order.push(`slow ${i}`)),
    );
    const other = pool.check("ws-other", rules(["hello"]), "hello there", sender).then((outcome) => {
      order.push("other");
      return outcome;
    });
    expect((await other).hits).toHaveLength(1);
    await Promise.all(slow);
    // The other tenant went second, not fifth.
    expect(order.indexOf("other")).toBe(1);
  });

  it("keeps the server answering while sixteen hostile checks run, where the same checks in its thread stall it", async () => {
    let answered = 0;
    const server = createServer((_, res) => res.end('{"ok":true}', () => answered++));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    /** p99 of health requests sent every 5 ms for `ms` by another process (this one's event loop is what is measured). */
    const healthP99 = (ms: number) =>
      new Promise<number>((resolve, reject) => {
        let out = "";
        const client = spawn(process.execPath, ["-e", PINGER, String(port), String(ms)]);
        client.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
        client.on("error", reject);
        client.on("exit", () => resolve(Number(out)));
      });
    async function p99WhileChecking(pool: RiskCheckPool, checks: number) {
      const before = answered;
      const measured = healthP99(2_500);
      await eventually(() => answered > before); // the pinger process is up and measuring
      await Promise.all(
        Array.from({ length: checks }, (_, i) => pool.check(`tenant-${i}`, rules(["(.*a){100}"]), REPLY, sender)),
      );
      return measured;
    }
    try {
      const offThread = await p99WhileChecking(newPool(), 16);
      const inThread = await p99WhileChecking(newPool(null), 1);
      console.log(
        `[risk] /api/health p99 while hostile checks run: ${offThread.toFixed(1)} ms (16 checks in the worker) vs ${inThread.toFixed(0)} ms (1 check in the server's thread)`,
      );
      expect(offThread).toBeLessThan(RISK_CHECK_BUDGET.deadlineMs);
      expect(inThread).toBeGreaterThan(offThread);
    } finally {
      server.close();
    }
  });
});

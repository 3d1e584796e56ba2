import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { LRUCache } from "lru-cache";
import { RISK_CHECK_BUDGET } from "./check-budget";
import { compileRiskMatcher, type CompiledRiskMatcher, type RiskGroupRules } from "./compile-matcher";
import type { RiskHit, RiskSender } from "./project-matcher";
import type { RiskCheckRequest, RiskCheckResponse } from "./risk-check-job";

/** A project's rules as the pool checks them: `key` changes whenever the groups do. */
export type RiskRules = { key: string; groups: readonly RiskGroupRules[] };
/** `ms`: how long the check itself ran (starting the thread and compiling the groups not counted). */
export type RiskCheckOutcome = { hits: RiskHit[]; timedOut: boolean; ms: number };

type Job = { workspaceId: string; rules: RiskRules; text: string; sender: RiskSender; done: (outcome: RiskCheckOutcome) => void };
type Thread = { worker: Worker; ready: boolean; known: Set<string> };

const TIMED_OUT: RiskCheckOutcome = { hits: [], timedOut: true, ms: 0 };
/** Starting a thread and compiling a project's groups get this long (thousands of keywords take a moment). */
const COMPILE_DEADLINE_MS = 10_000;

/**
 * Runs risk checks in a worker thread, so a slow pattern never holds the server's event loop. One
 * check at a time, workspaces taking turns (a tenant with many slow checks waits behind its own); a
 * check past the deadline ends its thread (a warm spare takes over) and answers "timed out", and the
 * project's later checks answer the same at once for a while instead of running again.
 */
export class RiskCheckPool {
  private readonly queues = new Map<string, Job[]>();
  private readonly slow = new LRUCache<string, true>({ max: 10_000, ttl: RISK_CHECK_BUDGET.slowProjectMs });
  private thread: Thread | null = null;
  /** Started after the first time-out, so the next one costs no start-up. */
  private spare: Thread | null = null;
  private running: { job: Job; id: number; timer?: NodeJS.Timeout; startedAt: number } | null = null;
  private lastServed: string | null = null;
  private nextId = 1;
  // Where the worker file is not there (a host without the sources): checked in this thread, within the save-time limits only.
  private readonly inline = new LRUCache<string, CompiledRiskMatcher>({ max: 200 });

  constructor(
    private readonly entry: string | null,
    private readonly deadlineMs: number = RISK_CHECK_BUDGET.deadlineMs,
  ) {}

  check(workspaceId: string, rules: RiskRules, text: string, sender: RiskSender): Promise<RiskCheckOutcome> {
    if (this.slow.has(rules.key)) return Promise.resolve(TIMED_OUT);
    return new Promise((done) => {
      const queue = this.queues.get(workspaceId) ?? [];
      queue.push({ workspaceId, rules, text, sender, done });
      this.queues.set(workspaceId, queue);
      this.next();
    });
  }

  /** Stops the threads (tests, shutdown); queued checks answer "timed out". */
  async close(): Promise<void> {
    for (const queue of this.queues.values()) for (const job of queue) job.done(TIMED_OUT);
    this.queues.clear();
    if (this.running) this.finish(TIMED_OUT);
    const threads = [this.thread, this.spare];
    this.thread = this.spare = null;
    await Promise.all(threads.map((t) => t?.worker.terminate()));
  }

  /** The next workspace's turn: any other than the one just served goes first. */
  private takeJob(): Job | null {
    let chosen: string | null = null;
    for (const workspaceId of this.queues.keys()) {
      chosen = workspaceId;
      if (workspaceId !== this.lastServed) break;
    }
    if (chosen === null) return null;
    const queue = this.queues.get(chosen)!;
    const job = queue.shift()!;
    this.queues.delete(chosen);
    if (queue.length) this.queues.set(chosen, queue);
    this.lastServed = chosen;
    return job;
  }

  private next(): void {
    if (this.running) return;
    const job = this.takeJob();
    if (!job) return;
    if (this.slow.has(job.rules.key)) {
      job.done(TIMED_OUT);
      return this.next();
    }
    if (!this.entry) return this.runInline(job);
    this.running = { job, id: this.nextId++, startedAt: performance.now() };
    this.thread ??= this.spare ?? this.start();
    if (this.thread === this.spare) this.spare = this.start();
    if (this.thread.ready) this.dispatch();
    else this.clock(COMPILE_DEADLINE_MS); // a thread that never starts must not hold the check forever
  }

  /** Sends the running check; its clock starts now (compiling the groups restarts it). */
  private dispatch(withGroups = !this.thread!.known.has(this.running!.job.rules.key)) {
    const { job, id } = this.running!;
    const request: RiskCheckRequest = { id, key: job.rules.key, text: job.text, sender: job.sender };
    if (withGroups) request.groups = job.rules.groups;
    this.clock(withGroups ? COMPILE_DEADLINE_MS : this.deadlineMs);
    this.thread!.worker.postMessage(request);
  }

  private clock(ms: number) {
    this.running!.startedAt = performance.now();
    clearTimeout(this.running!.timer);
    this.running!.timer = setTimeout(() => this.timeOut(), ms);
  }

  private start(): Thread {
    const worker = new Worker(this.entry!, {
      workerData: { entry: path.join(path.dirname(this.entry!), "risk-check-worker.ts") },
    });
    worker.unref();
    const thread: Thread = { worker, ready: false, known: new Set() };
    worker.on("message", (response: RiskCheckResponse) => this.answered(thread, response));
    worker.on("error", (error) => {
      console.error("[risk] check worker failed:", error);
      this.dropped(thread);
    });
    worker.on("exit", () => this.dropped(thread));
    return thread;
  }

  private answered(thread: Thread, response: RiskCheckResponse) {
    if ("ready" in response) {
      thread.ready = true;
      if (thread === this.thread && this.running) this.dispatch();
      return;
    }
    if (thread !== this.thread || !this.running || this.running.id !== response.id) return;
    if ("compiled" in response) {
      thread.known.add(this.running.job.rules.key);
      return this.clock(this.deadlineMs);
    }
    if ("unknownKey" in response) return this.dispatch(true);
    this.finish({ hits: response.hits, timedOut: false, ms: performance.now() - this.running.startedAt });
  }

  private timeOut() {
    if (!this.running) return;
    this.slow.set(this.running.job.rules.key, true);
    const stopped = this.thread;
    this.thread = null;
    this.spare ??= this.start();
    void stopped?.worker.terminate();
    this.finish({ ...TIMED_OUT, ms: performance.now() - this.running.startedAt });
  }

  private dropped(thread: Thread) {
    if (thread === this.spare) this.spare = null;
    if (thread !== this.thread) return;
    // The check it was running is answered as timed out rather than lost.
    if (this.running) this.timeOut();
    else this.thread = null;
  }

  private finish(outcome: RiskCheckOutcome) {
    const { job, timer } = this.running!;
    clearTimeout(timer);
    this.running = null;
    job.done(outcome);
    this.next();
  }

  private runInline(job: Job): void {
    let matcher = this.inline.get(job.rules.key);
    if (!matcher) this.inline.set(job.rules.key, (matcher = compileRiskMatcher(job.rules.groups)));
    const started = performance.now();
    job.done({ hits: matcher.check(job.text, job.sender), timedOut: false, ms: performance.now() - started });
    this.next();
  }
}

const POOL_KEY = Symbol.for("deskgram.risk.checkPool");

/** The process's pool (one for the launcher and the Next.js bundle, which load separate copies of this module). */
export function riskCheckPool(): RiskCheckPool {
  const holder = globalThis as typeof globalThis & { [POOL_KEY]?: RiskCheckPool };
  if (!holder[POOL_KEY]) {
    const entry = path.join(process.cwd(), "server", "risk", "risk-check-worker-boot.mjs");
    const found = existsSync(entry);
    if (!found) console.warn(`[risk] ${entry} not found: risk checks run in the server thread`);
    holder[POOL_KEY] = new RiskCheckPool(found ? entry : null);
  }
  return holder[POOL_KEY];
}

import { parentPort } from "node:worker_threads";
import { LRUCache } from "lru-cache";
import { compileRiskMatcher, type CompiledRiskMatcher } from "./compile-matcher";
import type { RiskCheckRequest, RiskCheckResponse } from "./risk-check-job";

/** Compiled matchers by rules key (project and fingerprint of its groups). */
const matchers = new LRUCache<string, CompiledRiskMatcher>({ max: 200 });

/** Runs each check it is sent, one at a time; the pool stops this thread when a check runs too long. */
parentPort!.on("message", (request: RiskCheckRequest) => {
  let matcher = matchers.get(request.key);
  if (!matcher) {
    if (!request.groups) return parentPort!.postMessage({ id: request.id, unknownKey: true } satisfies RiskCheckResponse);
    matcher = compileRiskMatcher(request.groups);
    matchers.set(request.key, matcher);
    parentPort!.postMessage({ id: request.id, compiled: true } satisfies RiskCheckResponse);
  }
  parentPort!.postMessage({ id: request.id, hits: matcher.check(request.text, request.sender) } satisfies RiskCheckResponse);
});

parentPort!.postMessage({ ready: true } satisfies RiskCheckResponse);

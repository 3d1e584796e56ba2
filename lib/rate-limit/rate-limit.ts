import type { Kv } from "../kv/types";
import { rateLimitPolicies, type RateLimitPolicy, type RateLimitPolicyName } from "./policies";

/**
 * Sliding-window rate limit approximated with two fixed-window counters (the previous window's count
 * weighted by how much of it still overlaps the sliding window, plus the current count). Written on the
 * Kv interface only, so it behaves the same on the in-process store, the bridge and Upstash.
 */

export interface RateLimitResult {
  ok: boolean;
  limit: number;
  /** Attempts still allowed right now (0 when refused). */
  remaining: number;
  /** Refused: when the next attempt will be allowed. Allowed: when the current counting window ends. */
  resetAt: Date;
  /** Whole seconds to wait (>= 1) when refused; 0 when allowed. */
  retryAfterSeconds: number;
}

function resolvePolicy(policy: RateLimitPolicyName | RateLimitPolicy): RateLimitPolicy {
  const resolved = typeof policy === "string" ? rateLimitPolicies[policy] : policy;
  if (!resolved) throw new Error(`Unknown rate-limit policy ${JSON.stringify(policy)}`);
  if (!/^[\w.-]{1,40}$/.test(resolved.name))
    throw new RangeError(`Invalid rate-limit policy name ${JSON.stringify(resolved.name)}`);
  if (!Number.isSafeInteger(resolved.limit) || resolved.limit < 1)
    throw new RangeError(`Rate-limit ${resolved.name}: limit must be an integer >= 1`);
  if (!Number.isSafeInteger(resolved.windowMs) || resolved.windowMs < 1)
    throw new RangeError(`Rate-limit ${resolved.name}: windowMs must be an integer >= 1`);
  return resolved;
}

/** Hashed so keys hold no emails or IPs in clear text and stay short whatever the caller passes. */
async function counterBase(policy: RateLimitPolicy, identifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(identifier));
  const hex = Array.from(new Uint8Array(digest).subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
  return `rl:${policy.name}:${hex}`;
}

function toCount(raw: string | null): number {
  const n = raw === null ? 0 : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * The earliest time at which one more attempt fits: while still in this window the previous count
 * decays; if this window's own count is already at the limit, it has to decay in the next window.
 */
function nextAllowedAt(policy: RateLimitPolicy, windowStart: number, previous: number, current: number): number {
  const { limit, windowMs } = policy;
  if (current + 1 <= limit) {
    const fraction = previous > 0 ? 1 - (limit - current - 1) / previous : 0;
    return windowStart + Math.max(0, fraction) * windowMs;
  }
  const fraction = 1 - (limit - 1) / current;
  return windowStart + windowMs + Math.max(0, fraction) * windowMs;
}

/** Counts one attempt for `identifier` under the policy; a refused attempt is not counted. */
export async function rateLimit(
  kv: Kv,
  policy: RateLimitPolicyName | RateLimitPolicy,
  identifier: string,
): Promise<RateLimitResult> {
  const p = resolvePolicy(policy);
  const now = Date.now();
  const window = Math.floor(now / p.windowMs);
  const windowStart = window * p.windowMs;
  const elapsed = (now - windowStart) / p.windowMs;
  const base = await counterBase(p, identifier);
  const currentKey = `${base}:${window}`;

  // A counter must outlive the next window, where it is the "previous" one; the extra second absorbs clock skew.
  const [current, previousRaw] = await Promise.all([
    kv.incr(currentKey, { ttlMs: 2 * p.windowMs + 1000 }),
    kv.get(`${base}:${window - 1}`),
  ]);
  const previous = toCount(previousRaw);
  const used = previous * (1 - elapsed) + current;

  if (used <= p.limit) {
    return {
      ok: true,
      limit: p.limit,
      remaining: Math.max(0, Math.floor(p.limit - used)),
      resetAt: new Date(windowStart + p.windowMs),
      retryAfterSeconds: 0,
    };
  }

  // Undo our increment so hammering while blocked does not extend the block.
  const kept = await kv.incrBy(currentKey, -1);
  const allowedAt = Math.max(now + 1, Math.ceil(nextAllowedAt(p, windowStart, previous, Math.max(0, kept))));
  return {
    ok: false,
    limit: p.limit,
    remaining: 0,
    resetAt: new Date(allowedAt),
    retryAfterSeconds: Math.max(1, Math.ceil((allowedAt - now) / 1000)),
  };
}

/** Forgets the attempts counted for `identifier` (e.g. after a successful sign-in). */
export async function resetRateLimit(kv: Kv, policy: RateLimitPolicyName | RateLimitPolicy, identifier: string): Promise<void> {
  const p = resolvePolicy(policy);
  const base = await counterBase(p, identifier);
  const window = Math.floor(Date.now() / p.windowMs);
  await kv.del(`${base}:${window}`, `${base}:${window - 1}`);
}

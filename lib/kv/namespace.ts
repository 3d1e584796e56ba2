/** Key namespacing and argument checks shared by every Kv backend, so they reject the same inputs. */

const PREFIX = /^[\w:.-]{1,64}$/;

/** Validates a prefix; glob characters are excluded so `${prefix}:*` is a safe SCAN pattern. */
export function checkPrefix(prefix: string): string {
  if (!PREFIX.test(prefix))
    throw new RangeError(`Invalid KV prefix ${JSON.stringify(prefix)}: use 1-64 of letters, digits, _ . - :`);
  return prefix;
}

export function namespaced(prefix: string, key: string): string {
  return `${prefix}:${key}`;
}

/** A TTL must be a positive integer number of milliseconds, as Redis requires for PX. */
export function checkTtlMs(ttlMs: number): number {
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1)
    throw new RangeError(`TTL must be a positive integer of milliseconds, got ${ttlMs}`);
  return ttlMs;
}

/** EXPIRE/PEXPIRE accept any integer (<= 0 deletes), but not fractions. */
export function checkInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
  return value;
}

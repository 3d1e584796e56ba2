/** Lua for the Kv operations that must be atomic on a Redis server (one round trip, no races). */

/** INCRBY that sets a TTL only when it created the key. KEYS[1]; ARGV: by, ttlMs. */
export const INCR_WITH_TTL = `
local existed = redis.call('EXISTS', KEYS[1])
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

/** Deletes the key only while it holds ARGV[1]. */
export const RELEASE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Renews the TTL only while the key holds ARGV[1]. ARGV: owner, ttlMs. */
export const EXTEND_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

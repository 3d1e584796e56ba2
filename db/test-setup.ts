/**
 * Runs in every test worker before the test file: points db/client.ts and lib/env.ts at the run's
 * database (see vitest.global-setup.ts) and fills in the variables env() requires.
 */
import { inject } from "vitest";

process.env.DATABASE_URL = inject("testDatabaseUrl");
// PGlite serves one session: a second connection from the same worker could interleave with the first.
if (inject("testDatabaseEmbedded")) process.env.DATABASE_POOL_MAX = "1";
process.env.KV_PREFIX = inject("testKvPrefix");
process.env.AUTH_SECRET ||= "deskgram-test-secret-not-for-production-000";
// A fixed key for tests only (32 bytes, hex): bot tokens are encrypted with it.
process.env.ENCRYPTION_KEY ||= "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

import { sql } from "drizzle-orm";
import { inject } from "vitest";
import { database, type Database } from "@/db/client";
import { eventually } from "./eventually";

/**
 * Resolves once another connection waits on a lock held by the open transaction `tx`: the concurrent
 * request a test started has reached that lock. Tests call it instead of sleeping "long enough".
 * The embedded PGlite has one connection (DATABASE_POOL_MAX=1): there the other request waits for
 * the connection itself, before any lock, so there is nothing to wait for.
 */
export async function untilBlockedBy(tx: Pick<Database, "execute">): Promise<void> {
  if (inject("testDatabaseEmbedded")) return;
  const [holder] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
  await eventually(async () => {
    const waiting = await database().execute(
      sql`select pid from pg_stat_activity where ${holder!.pid} = any(pg_blocking_pids(pid))`,
    );
    return waiting.length > 0;
  });
}

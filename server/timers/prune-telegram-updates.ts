import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/** Telegram retries an update for at most a day; a week of dedup rows is plenty. */
export const KEEP_UPDATES_DAYS = 7;
const BATCH = 1_000;

/**
 * Deletes webhook dedup rows older than a week, `batch` rows per statement so no statement holds
 * locks for long, at most `maxBatches` statements per call. Returns how many rows went.
 */
export async function pruneTelegramUpdates(db: Database, options: { batch?: number; maxBatches?: number } = {}): Promise<number> {
  const batch = options.batch ?? BATCH;
  let pruned = 0;
  for (let i = 0; i < (options.maxBatches ?? 10); i++) {
    const rows = await db.execute<{ one: number }>(sql`
      delete from telegram_updates where ctid = any(array(
        select ctid from telegram_updates
        where received_at < now() - make_interval(days => ${KEEP_UPDATES_DAYS}::int)
        limit ${batch}::int
      ))
      returning 1 as one
    `);
    pruned += rows.length;
    if (rows.length < batch) break;
  }
  return pruned;
}

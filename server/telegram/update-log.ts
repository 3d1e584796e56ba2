import { sql } from "drizzle-orm";
import { telegramUpdates, unhandledUpdateCounts } from "@/db/schema";
import type { Tx } from "@/db/transaction";

/**
 * Records that this update arrived. False when it was recorded before: Telegram is delivering it
 * again (or two deliveries race; the second waits for the first to commit, then sees its row).
 */
export async function recordUpdate(tx: Tx, botTelegramId: number, updateId: number, kind: string): Promise<boolean> {
  const inserted = await tx
    .insert(telegramUpdates)
    .values({ botTelegramId, updateId, kind })
    .onConflictDoNothing()
    .returning({ updateId: telegramUpdates.updateId });
  return inserted.length > 0;
}

/** Counts an update Deskgram does not handle, so an admin can see what the bot receives and ignores. */
export async function countUnhandledUpdate(tx: Tx, botTelegramId: number, kind: string): Promise<void> {
  await tx
    .insert(unhandledUpdateCounts)
    .values({ botTelegramId, kind, count: 1 })
    .onConflictDoUpdate({
      target: [unhandledUpdateCounts.botTelegramId, unhandledUpdateCounts.kind],
      set: { count: sql`${unhandledUpdateCounts.count} + 1`, lastAt: sql`now()` },
    });
}

import { sql } from "drizzle-orm";
import { contacts } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import type { TelegramUser } from "./update-schema";
import type { WebhookBot } from "./webhook-bot";

/**
 * Creates or refreshes the contact of a customer who edited a message (names, username and language
 * follow the profile). New messages do the same inside store-customer-message's single statement.
 */
export async function upsertContact(tx: Tx, bot: WebhookBot, user: TelegramUser): Promise<void> {
  await tx
    .insert(contacts)
    .values({
      workspaceId: bot.workspaceId,
      projectId: bot.projectId,
      telegramUserId: user.id,
      firstName: user.first_name,
      lastName: user.last_name ?? null,
      username: user.username ?? null,
      languageCode: user.language_code ?? null,
    })
    .onConflictDoUpdate({
      target: [contacts.projectId, contacts.telegramUserId],
      set: {
        firstName: sql`excluded.first_name`,
        lastName: sql`excluded.last_name`,
        username: sql`excluded.username`,
        languageCode: sql`excluded.language_code`,
        lastSeenAt: sql`now()`,
      },
    });
}

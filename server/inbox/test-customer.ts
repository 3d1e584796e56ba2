import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { bots, projects } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { sandboxClient } from "@/server/sandbox/client";

/** How long the console waits for the bot's webhook to take the message before saying it is still on its way. */
const DELIVERY_WAIT_MS = 10_000;

export const testCustomerSchema = z.object({
  id: z
    .int()
    .min(1)
    .max(2 ** 31),
  firstName: z
    .string()
    .trim()
    .min(1, "Give the test customer a name.")
    .max(64, "A Telegram first name has at most 64 characters."),
  lastName: z.string().trim().max(64).optional(),
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]{5,32}$/, "A Telegram username has 5–32 letters, digits or underscores.")
    .optional(),
});

export const testCustomerTextSchema = z
  .string()
  .trim()
  .min(1, "Write a message first (or /start).")
  .max(4096, "A Telegram message can have at most 4096 characters.");

export type TestCustomer = z.infer<typeof testCustomerSchema>;

const unreachable = () =>
  new DomainError("conflict", "Could not reach the Bot API sandbox. Check that it is running, then try again.");

/** Projects of the workspace whose bot is connected: the ones a test customer can write to. */
export function testableProjects(db: Database, workspaceId: string) {
  return db
    .select({ id: projects.id, name: projects.name, status: projects.status, botUsername: bots.username })
    .from(projects)
    .innerJoin(bots, eq(bots.projectId, projects.id))
    .where(and(eq(projects.workspaceId, workspaceId), isNull(projects.archivedAt)))
    .orderBy(asc(projects.createdAt));
}

async function projectBotTelegramId(db: Database, workspaceId: string, projectId: string): Promise<number> {
  const [bot] = await db
    .select({ telegramId: bots.telegramId })
    .from(bots)
    .where(and(eq(bots.projectId, projectId), eq(bots.workspaceId, workspaceId)))
    .limit(1);
  if (!bot) throw new DomainError("not_found", "This project has no connected bot. Connect one in Projects first.");
  return bot.telegramId;
}

/** The sandbox answers 404 for a bot it does not know: a real Telegram bot, which no test customer can reach. */
function sandboxFailure(error: unknown): DomainError {
  const status = (error as { status?: number }).status;
  if (status === 404) {
    return new DomainError(
      "conflict",
      "This project's bot is a real Telegram bot, not a sandbox bot. Write to it from Telegram instead.",
    );
  }
  if (status && status >= 400 && status < 500) {
    return new DomainError("invalid", `The Bot API sandbox refused the message: ${(error as Error).message}`);
  }
  return unreachable();
}

export type TestCustomerDelivery =
  { state: "delivered" } | { state: "pending"; message: string } | { state: "failed"; message: string };

/**
 * Writes to the project's bot as a customer, through the Bot API sandbox, and waits (a little) for
 * the bot's webhook to take the update, exactly as it would take a real customer's.
 */
export async function sendAsTestCustomer(
  db: Database,
  sandboxUrl: string,
  workspaceId: string,
  input: { projectId: string; customer: TestCustomer; text: string },
): Promise<TestCustomerDelivery> {
  const botId = await projectBotTelegramId(db, workspaceId, input.projectId);
  const sent = sandboxClient(sandboxUrl)
    .customerSays(botId, { customer: input.customer, text: input.text }, { wait: true })
    .catch((error: unknown) => {
      throw sandboxFailure(error);
    });
  const timeout = new Promise<"timeout">((resolve) => setTimeout(resolve, DELIVERY_WAIT_MS, "timeout").unref());
  const result = await Promise.race([sent, timeout]);
  if (result === "timeout") {
    sent.catch(() => {});
    return {
      state: "pending",
      message: "Your bot has not taken the message yet. The sandbox keeps retrying, like Telegram does.",
    };
  }
  const delivery = result.delivery;
  if (!delivery || delivery.status === "pending") {
    return {
      state: "pending",
      message: "The bot has no webhook right now (is the project inactive?). The message waits in the sandbox until it has one.",
    };
  }
  if (delivery.status === "filtered" || delivery.status === "dropped") {
    return { state: "failed", message: "The bot's webhook settings do not accept this kind of update, so it was not delivered." };
  }
  if (!delivery.delivered) {
    const answer = delivery.lastStatus ? `answered ${delivery.lastStatus}` : "could not be reached";
    return { state: "failed", message: `Your bot's webhook ${answer} after ${delivery.attempts} attempt(s).` };
  }
  return { state: "delivered" };
}

/** The chat as the test customer sees it in Telegram: their messages and the bot's replies. */
export async function testCustomerTranscript(
  db: Database,
  sandboxUrl: string,
  workspaceId: string,
  input: { projectId: string; customerId: number },
) {
  const botId = await projectBotTelegramId(db, workspaceId, input.projectId);
  try {
    const messages = await sandboxClient(sandboxUrl).transcript(botId, input.customerId);
    return messages.map((m) => ({
      messageId: m.messageId,
      from: m.from,
      date: m.date,
      kind: m.kind,
      text: m.editedText ?? m.text ?? m.caption ?? null,
      edited: m.editedText !== undefined,
    }));
  } catch (error) {
    throw sandboxFailure(error);
  }
}

import { z } from "zod";

// Only zod here: the console imports these schemas to check input before sending it.

/** What a project may be called, wherever a name is entered (create, rename). PRODUCT.md: at most 30 characters. */
export const projectNameSchema = z
  .string({ error: "Give the project a name." })
  .trim()
  .min(1, "Give the project a name.")
  .max(30, "Project name must be at most 30 characters.");

/** Telegram sends at most 4096 characters in one message. */
export const welcomeMessageSchema = z
  .string({ error: "Write a welcome message." })
  .trim()
  .min(1, "Write a welcome message.")
  .max(4096, "The welcome message must be at most 4096 characters (Telegram's limit for one message).");

export const PROJECT_NOT_FOUND = "Project not found.";

export const projectIdSchema = z.uuid(PROJECT_NOT_FOUND);

/** A bot token as pasted; its shape is checked by the domain (server/telegram/connect-bot.ts) so the message stays ours. */
export const botTokenSchema = z.string({ error: "Paste the bot's token." }).max(200, "That does not look like a bot token.");

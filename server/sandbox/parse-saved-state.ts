/**
 * Reading state the sandbox saved earlier (a state file, or rows in the database): the frame is
 * checked, and bots saved by an older sandbox get the fields they lack.
 */
import { z } from "zod";
import { emptyWebhook, STATE_VERSION, type BotRecord, type SandboxData, type StoredFile } from "./state";

// Checks the frame only: it is the sandbox's own output, and each bot is completed below.
const savedBotSchema = z.object({ id: z.number().int(), username: z.string(), firstName: z.string() }).loose();
const savedFileSchema = z.object({ fileId: z.string(), botId: z.number().int(), dataBase64: z.string() }).loose();
const savedStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  signingSecret: z.string().min(32),
  nextFileNumber: z.number().int().positive(),
  bots: z.record(z.string(), savedBotSchema),
  files: z.record(z.string(), savedFileSchema),
});

/** Fills in fields a bot saved by an older sandbox may lack. */
function completeBot(bot: BotRecord): BotRecord {
  return {
    ...bot,
    tokenVersion: bot.tokenVersion ?? 1,
    webhook: { ...emptyWebhook(), ...bot.webhook },
    pending: bot.pending ?? [],
    chats: bot.chats ?? {},
    commands: bot.commands ?? [],
    faults: bot.faults ?? [],
    calls: bot.calls ?? [],
  };
}

/** The whole saved state, or undefined when it is not one. */
export function parseSavedState(value: unknown): SandboxData | undefined {
  const parsed = savedStateSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const data = parsed.data as unknown as SandboxData;
  for (const [key, bot] of Object.entries(data.bots)) data.bots[key] = completeBot(bot);
  return data;
}

export function parseSavedBot(value: unknown): BotRecord | undefined {
  const parsed = savedBotSchema.safeParse(value);
  return parsed.success ? completeBot(parsed.data as unknown as BotRecord) : undefined;
}

export function parseSavedFile(value: unknown): StoredFile | undefined {
  const parsed = savedFileSchema.safeParse(value);
  return parsed.success ? (parsed.data as unknown as StoredFile) : undefined;
}

/**
 * The optional state file: loaded on start, saved shortly after changes (debounced) with an atomic
 * temp-file-and-rename write, so a crash mid-save never leaves half a file.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { emptyState, emptyWebhook, STATE_VERSION, type BotRecord, type SandboxData } from "./state";

const SAVE_DELAY_MS = 100;

// Checks the frame only: the file is the sandbox's own output, and each bot is completed below.
const stateFileSchema = z.object({
  version: z.literal(STATE_VERSION),
  signingSecret: z.string().min(32),
  nextFileNumber: z.number().int().positive(),
  bots: z.record(z.string(), z.object({ id: z.number().int(), username: z.string(), firstName: z.string() }).loose()),
  files: z.record(z.string(), z.object({ fileId: z.string(), botId: z.number().int(), dataBase64: z.string() }).loose()),
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

/** The saved state, or a fresh one when there is no file. A broken file is moved aside, not lost. */
export async function loadState(file: string, log: (line: string) => void): Promise<SandboxData> {
  if (!existsSync(file)) return emptyState();
  const text = await readFile(file, "utf8");
  let parsed: ReturnType<typeof stateFileSchema.safeParse>;
  try {
    parsed = stateFileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = stateFileSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    const aside = `${file}.broken-${Date.now()}`;
    await rename(file, aside);
    log(`[sandbox] ${file} could not be read as sandbox state; moved it to ${aside} and started empty`);
    return emptyState();
  }
  const data = parsed.data as unknown as SandboxData;
  for (const [key, bot] of Object.entries(data.bots)) data.bots[key] = completeBot(bot);
  return data;
}

export type StateSaver = { changed(): void; flush(): Promise<void> };

export function stateSaver(file: string, data: () => SandboxData, log: (line: string) => void): StateSaver {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();

  async function write(): Promise<void> {
    dirty = false;
    const temp = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temp, JSON.stringify(data()), { mode: 0o600 }); // it holds the token-signing secret
      await rename(temp, file);
    } catch (error) {
      dirty = true;
      log(`[sandbox] could not save ${file}: ${(error as Error).message}`);
    }
  }

  // Writes never overlap: each waits for the one before.
  const save = () => (writing = writing.then(write));

  return {
    changed() {
      dirty = true;
      timer ??= setTimeout(() => {
        timer = undefined;
        void save();
      }, SAVE_DELAY_MS);
    },
    async flush() {
      clearTimeout(timer);
      timer = undefined;
      await writing;
      if (dirty) await save();
    },
  };
}

/** Reads the sandbox's rows back into its in-memory state; a row that cannot be read is skipped and logged. */
import type { Database } from "@/db/client";
import { sandboxBots, sandboxFiles, sandboxState } from "@/db/schema";
import { parseSavedBot, parseSavedFile } from "./parse-saved-state";
import { emptyState, type BotRecord, type SandboxData } from "./state";

export async function loadStateRows(
  db: Database,
  log: (line: string) => void,
): Promise<{ data: SandboxData; bots: BotRecord[] }> {
  const fresh = emptyState();
  // The first sandbox on this database picks the signing secret; every later one signs with it.
  await db.insert(sandboxState).values({ signingSecret: fresh.signingSecret, nextFileNumber: 1 }).onConflictDoNothing();
  const [settings] = await db.select().from(sandboxState);
  const data: SandboxData = { ...fresh, signingSecret: settings!.signingSecret, nextFileNumber: settings!.nextFileNumber };

  const bots: BotRecord[] = [];
  for (const row of await db.select().from(sandboxBots)) {
    const bot = parseSavedBot(row.record);
    if (!bot || bot.id !== row.id) {
      log(`[sandbox] skipped saved bot ${row.id}: its record could not be read`);
      continue;
    }
    data.bots[String(bot.id)] = bot;
    bots.push(bot);
  }
  for (const row of await db.select().from(sandboxFiles)) {
    const file = parseSavedFile({ ...(row.record as object), dataBase64: row.data.toString("base64") });
    if (!file || file.fileId !== row.fileId) {
      log(`[sandbox] skipped saved file ${row.fileId}: its record could not be read`);
      continue;
    }
    data.files[file.fileId] = file;
  }
  return { data, bots };
}

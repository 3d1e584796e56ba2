/**
 * The database store, used when DATABASE_URL is set: one row per bot, one per file (bytes written
 * once), one for the token-signing secret. A save writes only the bots that changed since the last.
 */
import { sql } from "drizzle-orm";
import { createDatabase } from "@/db/client";
import { sandboxBots, sandboxFiles, sandboxState } from "@/db/schema";
import { loadStateRows } from "./load-state-rows";
import type { SandboxStateStore } from "./persistence";
import type { SandboxData } from "./state";

export function databaseStateStore(url: string): SandboxStateStore {
  // Its own single connection: saves are serialized anyway, and the sandbox may outlive the app's pool.
  const { sql: connection, db } = createDatabase(url, { max: 1 });
  const savedBots = new Map<number, string>();
  const savedFiles = new Set<string>();
  let savedFileNumber = 0;

  return {
    where: "the sandbox tables of the database",
    async load(log) {
      const { data, bots } = await loadStateRows(db, log);
      for (const bot of bots) savedBots.set(bot.id, JSON.stringify(bot));
      for (const fileId of Object.keys(data.files)) savedFiles.add(fileId);
      savedFileNumber = data.nextFileNumber;
      return data;
    },
    async save(data: SandboxData) {
      // Taken before the first await: changes made while this save runs belong to the next one.
      const bots = Object.values(data.bots)
        .map((bot) => ({ id: bot.id, json: JSON.stringify(bot) }))
        .filter((bot) => savedBots.get(bot.id) !== bot.json);
      const files = Object.values(data.files)
        .filter((file) => !savedFiles.has(file.fileId))
        .map(({ dataBase64, ...record }) => ({
          fileId: record.fileId,
          botId: record.botId,
          record,
          data: Buffer.from(dataBase64, "base64"),
        }));
      const fileNumber = data.nextFileNumber;
      if (!bots.length && !files.length && fileNumber === savedFileNumber) return;

      await db.transaction(async (tx) => {
        // Another sandbox on the same database may have counted further; the counter only grows.
        if (fileNumber !== savedFileNumber) {
          await tx
            .update(sandboxState)
            .set({ nextFileNumber: sql`greatest(${sandboxState.nextFileNumber}, ${fileNumber})`, updatedAt: sql`now()` });
        }
        if (files.length) await tx.insert(sandboxFiles).values(files).onConflictDoNothing();
        if (bots.length) {
          await tx
            .insert(sandboxBots)
            .values(bots.map((bot) => ({ id: bot.id, record: sql`${bot.json}::json` })))
            .onConflictDoUpdate({ target: sandboxBots.id, set: { record: sql`excluded.record`, updatedAt: sql`now()` } });
        }
      });
      for (const bot of bots) savedBots.set(bot.id, bot.json);
      for (const file of files) savedFiles.add(file.fileId);
      savedFileNumber = fileNumber;
    },
    close: () => connection.end({ timeout: 5 }),
  };
}

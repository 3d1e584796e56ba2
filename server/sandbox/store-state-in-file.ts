/**
 * The state file store: one JSON file, written with an atomic temp-file-and-rename, so a crash
 * mid-save never leaves half a file. A file that cannot be read is moved aside, not lost.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseSavedState } from "./parse-saved-state";
import type { SandboxStateStore } from "./persistence";
import { emptyState } from "./state";

export function fileStateStore(file: string): SandboxStateStore {
  return {
    where: file,
    async load(log) {
      if (!existsSync(file)) return emptyState();
      let value: unknown;
      try {
        value = JSON.parse(await readFile(file, "utf8"));
      } catch {
        value = undefined;
      }
      const data = parseSavedState(value);
      if (data) return data;
      const aside = `${file}.broken-${Date.now()}`;
      await rename(file, aside);
      log(`[sandbox] ${file} could not be read as sandbox state; moved it to ${aside} and started empty`);
      return emptyState();
    },
    async save(data) {
      const temp = `${file}.${process.pid}.tmp`;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temp, JSON.stringify(data), { mode: 0o600 }); // it holds the token-signing secret
      await rename(temp, file);
    },
    async close() {},
  };
}

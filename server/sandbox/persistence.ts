/**
 * Keeping the sandbox's state in a store (a file, or the app's database): saved shortly after
 * changes (debounced), at once when a caller needs it durable (flush), and on close.
 */
import type { SandboxData } from "./state";

type Log = (line: string) => void;

const SAVE_DELAY_MS = 100;

/** Where the state lives across restarts; the sandbox loads it once, saves it often, and closes it. */
export type SandboxStateStore = {
  /** Names the store in log lines. */
  readonly where: string;
  /** The saved state, or a fresh one when nothing was saved yet. */
  load(log: Log): Promise<SandboxData>;
  save(data: SandboxData): Promise<void>;
  close(): Promise<void>;
};

export type StateSaver = { changed(): void; flush(): Promise<void> };

export function stateSaver(store: SandboxStateStore, data: () => SandboxData, log: Log): StateSaver {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();

  async function write(): Promise<void> {
    dirty = false;
    try {
      await store.save(data());
    } catch (error) {
      dirty = true;
      log(`[sandbox] could not save ${store.where}: ${(error as Error).message}`);
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

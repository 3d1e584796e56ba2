import { randomBytes } from "node:crypto";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

type LockOwner = { pid: number; host: string; token: string; since: string };

export class DataDirLockedError extends Error {
  constructor(
    public readonly lockFile: string,
    public readonly owner: LockOwner | null,
  ) {
    const who = owner ? `pid ${owner.pid} on ${owner.host}, since ${owner.since}` : "unknown owner";
    super(
      `Another Deskgram is already running on this data directory (${who}). ` +
        `Stop it first, or point DATA_DIR elsewhere. If you are sure nothing is running, delete ${lockFile}.`,
    );
    this.name = "DataDirLockedError";
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, "utf8")) as Partial<LockOwner>;
    if (typeof owner.pid !== "number" || typeof owner.host !== "string" || typeof owner.token !== "string") return null;
    return { pid: owner.pid, host: owner.host, token: owner.token, since: String(owner.since) };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock is stale when its process is gone; a lock from another host cannot be checked, so it counts as held. */
function isStale(owner: LockOwner | null): boolean {
  return owner !== null && owner.host === hostname() && !isAlive(owner.pid);
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/**
 * Takes an exclusive lock file (created with O_EXCL) for this process, replacing a stale one left by a crash.
 * Returns the function that releases it; throws DataDirLockedError while another live process holds it.
 */
export function acquireDataDirLock(file: string): () => void {
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString("hex"),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(file);
      // A second try only after removing a stale lock; a lock that reappeared belongs to a live racer.
      if (attempt > 0 || !isStale(owner)) throw new DataDirLockedError(file, owner);
      removeIfPresent(file);
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // Only remove the file while it is still ours, never a successor's.
    if (readOwner(file)?.token === me.token) removeIfPresent(file);
  };
}

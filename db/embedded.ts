import { mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireDataDirLock } from "./data-dir-lock";

export type EmbeddedDatabaseOptions = {
  /** Deskgram's DATA_DIR: PGlite keeps its files in `<dataDir>/pglite`. null or undefined: in memory, gone on stop. */
  dataDir?: string | null;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /**
   * Sockets the server accepts at once. This is not a concurrency knob: PGlite is a single session and
   * clients must use ONE connection (DATABASE_POOL_MAX=1), see the note below. Extra sockets over this
   * limit hang instead of failing, so it is generous to leave room for a closing connection and a new one.
   */
  maxConnections?: number;
};

export type EmbeddedDatabase = {
  /** A postgres:// URL for postgres.js (no password, no TLS). */
  url: string;
  /** Where PGlite keeps its files, or null in memory. */
  pgliteDir: string | null;
  /** Closes the server and PGlite (flushing data to disk) and releases the data-directory lock. Idempotent. */
  stop(): Promise<void>;
};

/**
 * Starts PGlite and serves it over the PostgreSQL wire protocol on 127.0.0.1, so postgres.js and the
 * drizzle migrations work unchanged.
 *
 * Concurrency (measured with postgres.js): pglite-socket runs every connection through one PGlite session
 * and interleaves them message by message. With several connections, a failing statement on one connection
 * (e.g. a parse error during describe) can swallow another connection's statements until its Sync: in a run
 * of 400 mixed queries over a pool of 10, 27 inserts were acknowledged but never stored; with one
 * connection, none were lost. So every client must use a single connection: DATABASE_POOL_MAX=1.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : null;
  const pgliteDir = dataDir ? path.join(dataDir, "pglite") : null;
  let releaseLock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // PGlite does not notice a second process on its files; two would corrupt them.
    releaseLock = acquireDataDirLock(path.join(dataDir, "pglite.lock"));
  }

  let db: PGlite | undefined;
  let server: PGLiteSocketServer;
  try {
    db = await PGlite.create(pgliteDir ? { dataDir: pgliteDir } : {});
    server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? 64,
    });
    await server.start().catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") throw new Error(`Embedded database: port ${options.port} on 127.0.0.1 is already in use.`);
      throw error;
    });
  } catch (error) {
    await db?.close().catch(() => {});
    releaseLock();
    throw error;
  }

  const port = Number(server.getServerConn().split(":").pop());
  const pglite = db;
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pgliteDir,
    stop() {
      stopping ??= (async () => {
        try {
          await server.stop();
          // Let the handlers' close events (and any rollback of an open transaction) run before PGlite closes.
          await sleep(20);
          await pglite.close();
        } finally {
          releaseLock();
        }
      })();
      return stopping;
    },
  };
}

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase } from "@/db/embedded";
import { applyMigrations } from "@/db/migrate";
import { EnvError, parseEnv, type Env } from "@/lib/env";
import { startKvBridge } from "@/lib/kv/bridge";
import { startBotApiSandbox } from "@/server/sandbox";
import { databaseStateStore } from "@/server/sandbox/store-state-in-database";

type Log = (line: string) => void;

/** A secret generated once and kept under the data directory, for the embedded default only. */
function persistentSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Gets everything the app needs before it serves: the embedded database when DATABASE_URL is unset,
 * the Upstash-compatible bridge when only REDIS_URL is set, migrations applied, the environment
 * validated. It writes the resulting variables into process.env so the Next.js server sees them.
 */
export async function prepareServices(log: Log = console.log): Promise<{ env: Env; stop(): Promise<void> }> {
  const stops: Array<() => Promise<void>> = [];
  const dataDir = path.resolve(process.env.DATA_DIR || ".data");
  process.env.PORT ||= "3000";
  // Derived only from a valid port, so a bad PORT is reported as itself and not as a bad APP_URL.
  if (/^\d{1,5}$/.test(process.env.PORT)) process.env.APP_URL ||= `http://localhost:${process.env.PORT}`;
  if (process.env.APP_URL) process.env.NEXTAUTH_URL ||= process.env.APP_URL;

  try {
    const embeddedDatabase = !process.env.DATABASE_URL;
    if (embeddedDatabase) {
      mkdirSync(dataDir, { recursive: true });
      process.env.AUTH_SECRET ||= persistentSecret(dataDir, "auth-secret");
      process.env.ENCRYPTION_KEY ||= persistentSecret(dataDir, "encryption-key");
      process.env.EVENT_BUS ||= "local"; // LISTEN/NOTIFY does not pass through pglite-socket
      const started = Date.now();
      const embedded = await startEmbeddedDatabase({ dataDir });
      stops.push(embedded.stop);
      process.env.DATABASE_URL = embedded.url;
      process.env.DATABASE_POOL_MAX = "1"; // PGlite runs one query at a time
      log(`Embedded PostgreSQL (PGlite) ready in ${Date.now() - started} ms, data in ${dataDir}`);
    }

    const env = parseEnv(process.env);
    if (!env.ENCRYPTION_KEY) {
      throw new EnvError(["ENCRYPTION_KEY: is required when DATABASE_URL is set (bot tokens are encrypted with it)"]);
    }
    await applyMigrations(env.DATABASE_URL!);

    // The Bot API sandbox: on by default for the embedded defaults (a new team can try everything
    // without a real bot), on request (TELEGRAM_SANDBOX=true) elsewhere, never when an API root is set.
    const sandboxWanted =
      env.TELEGRAM_SANDBOX === undefined
        ? embeddedDatabase && !process.env.TELEGRAM_API_ROOT
        : /^(true|1)$/.test(env.TELEGRAM_SANDBOX);
    if (sandboxWanted && !env.TELEGRAM_SANDBOX_URL) {
      // Its bots and chats outlive a restart: in the data directory, or in the app's database.
      const sandbox = await startBotApiSandbox(
        embeddedDatabase
          ? { stateFile: path.join(dataDir, "sandbox.json") }
          : { stateStore: databaseStateStore(env.DATABASE_URL!) },
      );
      stops.push(sandbox.close);
      process.env.TELEGRAM_API_ROOT = sandbox.url;
      process.env.TELEGRAM_SANDBOX_URL = sandbox.url;
      log(`Telegram: Bot API sandbox at ${sandbox.url} (no real bot needed; see Test customer in the inbox)`);
    } else {
      log(`Telegram: Bot API at ${process.env.TELEGRAM_SANDBOX_URL ? "the sandbox " : ""}${env.TELEGRAM_API_ROOT}`);
    }

    if (env.REDIS_URL && !env.UPSTASH_REDIS_REST_URL) {
      const bridge = await startKvBridge({ redisUrl: env.REDIS_URL, token: randomBytes(24).toString("base64url") });
      stops.push(bridge.close);
      process.env.UPSTASH_REDIS_REST_URL = bridge.url;
      process.env.UPSTASH_REDIS_REST_TOKEN = bridge.token;
      log(`KV: Redis at ${new URL(env.REDIS_URL).host} through the Upstash REST bridge`);
    } else {
      log(env.UPSTASH_REDIS_REST_URL ? "KV: Upstash Redis" : "KV: in-process store (embedded mode)");
    }

    return {
      env: parseEnv(process.env),
      async stop() {
        for (const stop of stops.reverse()) await stop().catch(() => {});
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw error;
  }
}

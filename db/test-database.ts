import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { applyMigrations } from "./migrate";

export type TestDatabase = {
  /** The URL of the new database (same server and credentials as the base URL). */
  url: string;
  name: string;
  /** Drops the database, disconnecting whoever is still on it. */
  drop(): Promise<void>;
};

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

// postgres.js URLs may list several hosts or none (Unix socket via ?host=), which WHATWG URL rejects.
const URL_PARTS = /^(postgres(?:ql)?:\/\/(?:[^@/?]*@)?)([^/?]*)(\/[^?]*)?(\?.*)?$/;

function splitUrl(url: string): { prefix: string; authority: string; query: string } {
  const match = URL_PARTS.exec(url);
  if (!match) throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL");
  return { prefix: match[1]!, authority: match[2]!, query: match[4] ?? "" };
}

/** The hosts a URL points at: a comma-separated list, `?host=/socket/dir` for a Unix socket, else PGHOST or localhost. */
function hostsOf(url: string, env: Record<string, string | undefined>): string[] {
  const { authority, query } = splitUrl(url);
  const socketHost = new URLSearchParams(query.slice(1)).get("host");
  if (socketHost) return socketHost.split(",");
  const hosts = authority
    .split(",")
    .map((h) => h.replace(/:\d*$/, "").toLowerCase())
    .filter(Boolean);
  return hosts.length ? hosts : (env.PGHOST ?? "localhost").split(",");
}

/** Throws unless every host is this machine; tests create and drop databases, never on a shared server by accident. */
export function assertLocalDatabase(baseUrl: string, env: Record<string, string | undefined> = process.env): void {
  if (env.ALLOW_REMOTE_TEST_DB === "1") return;
  const remote = hostsOf(baseUrl, env).filter((h) => !LOCAL_HOSTS.has(h) && !h.startsWith("/"));
  if (remote.length) {
    throw new Error(
      `Refusing to create and drop test databases on ${remote.join(", ")}: DATABASE_URL is not local. ` +
        "Point it at localhost, or set ALLOW_REMOTE_TEST_DB=1 if this server is meant for tests.",
    );
  }
}

function checkPrefix(prefix: string): void {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`Invalid test database prefix: ${prefix}`);
}

function adminConnection(baseUrl: string): postgres.Sql {
  return postgres(baseUrl, { max: 1, onnotice: () => {}, connection: { application_name: "deskgram-test-admin" } });
}

function withDatabase(baseUrl: string, name: string): string {
  const { prefix, authority, query } = splitUrl(baseUrl);
  return `${prefix}${authority}/${name}${query}`;
}

/**
 * Creates `<prefix>_<timestamp>_<random>` on the server of `baseUrl` (which must be local, see
 * assertLocalDatabase) and applies the migrations to it, so a test run never sees another run's rows.
 */
export async function createTestDatabase(
  baseUrl: string,
  prefix = "deskgram_test",
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  assertLocalDatabase(baseUrl);
  checkPrefix(prefix);
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = adminConnection(baseUrl);
  try {
    await admin`create database ${admin(name)}`;
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(baseUrl, name);
  const drop = () => dropDatabase(baseUrl, name);
  if (options.migrate ?? true)
    await applyMigrations(url).catch(async (error: unknown) => {
      await drop().catch(() => {});
      throw error;
    });
  return { url, name, drop };
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  assertLocalDatabase(baseUrl);
  const admin = adminConnection(baseUrl);
  try {
    await admin`drop database if exists ${admin(name)} with (force)`;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Drops `<prefix>_<timestamp>_*` databases older than a day: runs that were killed before their teardown. */
export async function dropStaleTestDatabases(baseUrl: string, prefix = "deskgram_test", now = Date.now()): Promise<string[]> {
  assertLocalDatabase(baseUrl);
  checkPrefix(prefix);
  const admin = adminConnection(baseUrl);
  let stale: string[];
  try {
    const rows = await admin<
      Array<{ datname: string }>
    >`select datname from pg_database where starts_with(datname, ${`${prefix}_`})`;
    const pattern = new RegExp(`^${prefix}_(\\d{13})_[0-9a-f]{8}$`);
    stale = rows
      .map((r) => r.datname)
      .filter((n) => {
        const createdAt = Number(pattern.exec(n)?.[1]);
        return createdAt > 0 && now - createdAt > STALE_AFTER_MS;
      });
  } finally {
    await admin.end({ timeout: 5 });
  }
  for (const name of stale) await dropDatabase(baseUrl, name);
  return stale;
}

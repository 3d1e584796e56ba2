import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";
import { applyMigrations } from "./migrate";
import { uniqueEmail } from "./test-helpers";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "deskgram-embedded-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string | null): Promise<EmbeddedDatabase> {
  const db = await startEmbeddedDatabase({ dataDir });
  cleanups.push(() => db.stop());
  return db;
}

/** One connection, closed after use: the embedded server is a single session. */
async function withSql<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe("startEmbeddedDatabase", () => {
  it("serves an in-memory database that the migrations apply to", async () => {
    const db = await start(null);
    expect(db.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(db.pgliteDir).toBeNull();
    expect((await applyMigrations(db.url)).applied).toContain("0000_foundation");
    const [row] = await withSql(
      db.url,
      (sql) => sql`select to_regclass('public.users') is not null as exists, count(*)::int as n from users`,
    );
    expect(row).toEqual({ exists: true, n: 0 });
  });

  it("keeps data across a stop and a restart on the same data directory", async () => {
    const dataDir = tempDataDir();
    const email = uniqueEmail("persist");
    const first = await startEmbeddedDatabase({ dataDir });
    try {
      await applyMigrations(first.url);
      await withSql(first.url, (sql) => sql`insert into users (email, name) values (${email}, 'Persisted')`);
    } finally {
      await first.stop();
    }

    const second = await start(dataDir);
    expect(second.pgliteDir).toBe(path.join(dataDir, "pglite"));
    expect((await applyMigrations(second.url)).applied).toEqual([]);
    const rows = await withSql(second.url, (sql) => sql`select name from users where email = ${email}`);
    expect(rows).toEqual([{ name: "Persisted" }]);
  });

  it("refuses a second instance on the same data directory, and allows one after stop", async () => {
    const dataDir = tempDataDir();
    const first = await startEmbeddedDatabase({ dataDir });
    await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(
      /Another Deskgram is already running on this data directory/,
    );
    await first.stop();
    await first.stop(); // idempotent
    await start(dataDir);
  });

  it("refuses a data directory locked by another live process", async () => {
    const dataDir = tempDataDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    cleanups.push(() => void other.kill());
    writeFileSync(
      path.join(dataDir, "pglite.lock"),
      JSON.stringify({ pid: other.pid, host: hostname(), token: "other", since: "earlier" }),
    );
    await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(`pid ${other.pid}`);
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const dataDir = tempDataDir();
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => gone.on("exit", resolve));
    writeFileSync(
      path.join(dataDir, "pglite.lock"),
      JSON.stringify({ pid: gone.pid, host: hostname(), token: "crashed", since: "earlier" }),
    );
    const db = await start(dataDir);
    expect(await withSql(db.url, (sql) => sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it("stops cleanly while a client holds an open transaction, which is rolled back", async () => {
    const dataDir = tempDataDir();
    const email = uniqueEmail("open-tx");
    const first = await startEmbeddedDatabase({ dataDir });
    await applyMigrations(first.url);
    const sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await sql`begin`;
    await sql`insert into users (email) values (${email})`;
    await first.stop();
    await sql.end({ timeout: 1 }).catch(() => {});

    const second = await start(dataDir);
    expect(await withSql(second.url, (s) => s`select count(*)::int as n from users where email = ${email}`)).toEqual([{ n: 0 }]);
  });
});

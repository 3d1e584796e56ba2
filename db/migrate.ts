import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

export type MigrationResult = {
  /** Tags (file names without .sql) of the migrations this call applied, oldest first. */
  applied: string[];
  /** Tags of every migration in the folder, oldest first. */
  known: string[];
};

type Journal = { entries: Array<{ tag: string; when: number }> };

// Drizzle keeps its bookkeeping here; it applies every journal entry newer than the last row.
const MIGRATIONS_SCHEMA = "drizzle";
const MIGRATIONS_TABLE = "__drizzle_migrations";
// Any fixed 64-bit number: two instances starting together must not apply the same migration twice.
const MIGRATION_LOCK_KEY = 4_815_162_342;

/** db/migrations next to this file; falls back to the working directory when a bundler moved this module. */
export function migrationsFolder(): string {
  const besideThisFile = fileURLToPath(new URL("./migrations", import.meta.url));
  if (existsSync(path.join(besideThisFile, "meta", "_journal.json"))) return besideThisFile;
  return path.resolve(process.cwd(), "db", "migrations");
}

function readJournal(folder: string): Journal["entries"] {
  const file = path.join(folder, "meta", "_journal.json");
  if (!existsSync(file)) throw new Error(`No migrations journal at ${file}: run \`npm run db:generate\` first.`);
  return (JSON.parse(readFileSync(file, "utf8")) as Journal).entries;
}

/**
 * Applies the pending migrations of `db/migrations` to the database at `url`, under an advisory lock.
 * Opens one short-lived connection (the embedded PGlite must not see two at once) and closes it.
 * Idempotent: a second run applies nothing.
 */
export async function applyMigrations(url: string, options: { folder?: string } = {}): Promise<MigrationResult> {
  const folder = options.folder ?? migrationsFolder();
  const entries = readJournal(folder);
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "deskgram-migrate" } });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`;
    const lastApplied = await lastAppliedAt(sql);
    await migrate(drizzle(sql), {
      migrationsFolder: folder,
      migrationsSchema: MIGRATIONS_SCHEMA,
      migrationsTable: MIGRATIONS_TABLE,
    });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`;
    return {
      applied: entries.filter((e) => e.when > lastApplied).map((e) => e.tag),
      known: entries.map((e) => e.tag),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The journal timestamp of the newest applied migration, or 0 on a database never migrated. */
async function lastAppliedAt(sql: postgres.Sql): Promise<number> {
  const [table] = await sql<Array<{ exists: boolean }>>`
    select to_regclass(${`"${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}"`}) is not null as exists`;
  if (!table?.exists) return 0;
  const [row] = await sql<Array<{ last: string | null }>>`
    select max(created_at)::text as last from ${sql(MIGRATIONS_SCHEMA)}.${sql(MIGRATIONS_TABLE)}`;
  return row?.last ? Number(row.last) : 0;
}

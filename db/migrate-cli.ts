/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, or, when it is unset, to the
 * embedded PGlite under DATA_DIR (started for the run and stopped afterwards).
 */
import nextEnv from "@next/env";
import path from "node:path";
import { startEmbeddedDatabase } from "@/db/embedded";
import { applyMigrations } from "@/db/migrate";
import { envSchema } from "@/lib/env";

// Same .env files as `npm start`, so both reach the same database.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");

// Only the database variables: migrating must not require AUTH_SECRET and the rest.
const databaseEnv = envSchema.pick({ DATABASE_URL: true, DATA_DIR: true });

async function main(): Promise<void> {
  const parsed = databaseEnv.safeParse({
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    DATA_DIR: process.env.DATA_DIR || undefined,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  const { DATABASE_URL, DATA_DIR } = parsed.data;

  let target: string;
  let url: string;
  let stop = async () => {};
  if (DATABASE_URL) {
    const { host, pathname } = new URL(DATABASE_URL);
    target = `PostgreSQL at ${host}${pathname}`;
    url = DATABASE_URL;
  } else {
    const dataDir = path.resolve(DATA_DIR);
    const embedded = await startEmbeddedDatabase({ dataDir });
    target = `embedded PGlite in ${embedded.pgliteDir}`;
    url = embedded.url;
    stop = embedded.stop;
  }

  try {
    const started = Date.now();
    const { applied } = await applyMigrations(url);
    const took = `${Date.now() - started} ms`;
    if (applied.length === 0) console.log(`Database is up to date (${target}).`);
    else
      console.log(
        `Applied ${applied.length} migration(s) to ${target} in ${took}:\n${applied.map((t) => `  - ${t}`).join("\n")}`,
      );
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

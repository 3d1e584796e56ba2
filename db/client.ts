import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import { withPreparedStatements } from "./prepared-statements";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;

type Pool = { sql: postgres.Sql; db: Database };
const globalForDb = globalThis as unknown as { deskgramDb?: Pool };

/** Opens a pool (the embedded PGlite is started with DATABASE_POOL_MAX=1: it runs one query at a time). */
export function createDatabase(url: string, options: { max?: number } = {}): Pool {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: "deskgram" },
  });
  return { sql, db: drizzle(withPreparedStatements(sql), { schema }) };
}

/** The process-wide pool, cached on globalThis so dev reloads do not leak connections. */
export function database(): Database {
  if (!globalForDb.deskgramDb) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Deskgram with `npm start`, which provides the embedded database.");
    globalForDb.deskgramDb = createDatabase(url, { max: env().DATABASE_POOL_MAX });
  }
  return globalForDb.deskgramDb.db;
}

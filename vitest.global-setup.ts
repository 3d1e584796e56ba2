/**
 * Gives the test run its own database: a fresh one on the DATABASE_URL server (dropped afterwards),
 * or an in-memory embedded PGlite when DATABASE_URL is unset. Workers read it in db/test-setup.ts.
 */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "./db/embedded";
import { applyMigrations } from "./db/migrate";
import { createTestDatabase, dropStaleTestDatabases } from "./db/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The database the test workers use, already migrated. */
    testDatabaseUrl: string;
    /** True for the embedded PGlite, which allows one connection per client. */
    testDatabaseEmbedded: boolean;
    /** A KV key prefix unique to this run. */
    testKvPrefix: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const ms = () => `${Math.round(performance.now() - started)} ms`;
  project.provide("testKvPrefix", process.env.KV_PREFIX || `test-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`);

  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    await dropStaleTestDatabases(baseUrl);
    const database = await createTestDatabase(baseUrl, "deskgram_test");
    project.provide("testDatabaseUrl", database.url);
    project.provide("testDatabaseEmbedded", false);
    console.log(`[test db] PostgreSQL database ${database.name} created and migrated in ${ms()}`);
    return () => database.drop();
  }

  const embedded = await startEmbeddedDatabase({ dataDir: null });
  try {
    await applyMigrations(embedded.url);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  project.provide("testDatabaseUrl", embedded.url);
  project.provide("testDatabaseEmbedded", true);
  console.log(`[test db] embedded PGlite (in memory) started and migrated in ${ms()}`);
  return () => embedded.stop();
}

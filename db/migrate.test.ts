import { readFileSync } from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startEmbeddedDatabase } from "./embedded";
import { applyMigrations, migrationsFolder } from "./migrate";
import * as schema from "./schema";
import { createTestDatabase } from "./test-database";
import { testDb, uniqueEmail, uniqueSlug } from "./test-helpers";

const url = inject("testDatabaseUrl");
const embedded = inject("testDatabaseEmbedded");
const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
  entries: Array<{ tag: string }>;
};
const tags = journal.entries.map((e) => e.tag);
const tables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((t) => getTableConfig(t));

const sql = postgres(url, { max: 1, onnotice: () => {} });
afterAll(() => sql.end({ timeout: 5 }));

/** A database nobody has migrated yet: a new PostgreSQL database, or a new in-memory PGlite. */
async function emptyDatabase(): Promise<{ url: string; dispose(): Promise<void> }> {
  if (embedded) {
    const db = await startEmbeddedDatabase();
    return { url: db.url, dispose: db.stop };
  }
  const db = await createTestDatabase(url, "deskgram_test_empty", { migrate: false });
  return { url: db.url, dispose: db.drop };
}

describe("applyMigrations", () => {
  it("has applied every migration in the journal to the test database", async () => {
    const rows = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(rows[0]!.n).toBe(tags.length);
  });

  it("is idempotent: a second run applies nothing", async () => {
    const result = await applyMigrations(url);
    expect(result).toEqual({ applied: [], known: tags });
    const rows = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(rows[0]!.n).toBe(tags.length);
  });

  it("applies and reports every migration on an empty database, then nothing", async () => {
    const db = await emptyDatabase();
    try {
      expect((await applyMigrations(db.url)).applied).toEqual(tags);
      expect((await applyMigrations(db.url)).applied).toEqual([]);
    } finally {
      await db.dispose();
    }
  });

  it.skipIf(embedded)("lets concurrent runs (two instances starting together) apply each migration once", async () => {
    const db = await emptyDatabase();
    try {
      const results = await Promise.all([applyMigrations(db.url), applyMigrations(db.url), applyMigrations(db.url)]);
      expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([tags, [], []]);
    } finally {
      await db.dispose();
    }
  });

  it("creates every table of the schema with its unique constraints", async () => {
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const expected = [
        ...table.columns.filter((c) => c.isUnique).map((c) => c.uniqueName),
        ...table.uniqueConstraints.map((u) => u.getName()),
      ].sort();
      const rows = await sql<Array<{ conname: string }>>`
        select conname from pg_constraint where contype = 'u' and conrelid = to_regclass(${`public.${table.name}`})`;
      expect({ table: table.name, unique: rows.map((r) => r.conname).sort() }).toEqual({ table: table.name, unique: expected });
    }
  });
});

describe("constraints in the migrated schema", () => {
  it("rejects two users with the same email", async () => {
    const email = uniqueEmail("dup");
    await testDb().insert(schema.users).values({ email });
    await expect(testDb().insert(schema.users).values({ email })).rejects.toMatchObject({ cause: { code: "23505" } });
  });

  it("rejects two workspaces with the same slug and a second membership of the same user", async () => {
    const slug = uniqueSlug("dup");
    const trialEndsAt = new Date(Date.now() + 86_400_000);
    const [workspace] = await testDb().insert(schema.workspaces).values({ name: "Dup", slug, trialEndsAt }).returning();
    await expect(testDb().insert(schema.workspaces).values({ name: "Dup 2", slug, trialEndsAt })).rejects.toMatchObject({
      cause: { code: "23505" },
    });

    const [user] = await testDb()
      .insert(schema.users)
      .values({ email: uniqueEmail("member") })
      .returning();
    await testDb().insert(schema.memberships).values({ workspaceId: workspace!.id, userId: user!.id, role: "owner" });
    await expect(
      testDb().insert(schema.memberships).values({ workspaceId: workspace!.id, userId: user!.id, role: "agent" }),
    ).rejects.toMatchObject({
      cause: { code: "23505" },
    });
  });
});

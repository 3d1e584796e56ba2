import { randomBytes } from "node:crypto";
import { database, type Database } from "./client";

/** The drizzle database of this test run (db/test-setup.ts pointed DATABASE_URL at it). */
export function testDb(): Database {
  return database();
}

/** `<label>-<time>-<random>`: tests seed their own rows under unique names and never rely on another test's data. */
export function uniqueName(label: string): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

export function uniqueEmail(label: string): string {
  return `user-${uniqueName(label)}@example.test`.toLowerCase();
}

/** Lower-case, at most 48 characters (the workspaces.slug limit), the random part kept whole. */
export function uniqueSlug(label: string): string {
  const clean =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 24) || "x";
  return uniqueName(clean);
}

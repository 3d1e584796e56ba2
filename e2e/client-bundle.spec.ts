import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
// No page is opened here, so the CSP-watching `test` of ./fixtures is not needed.
import { expect, test } from "@playwright/test";

/** Column names that exist only in the database schema: a client chunk holding one carries the schema. */
const SCHEMA_ONLY_COLUMNS = ["password_hash", "token_ciphertext", "webhook_secret_hash"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test("no browser chunk carries the database schema", () => {
  // The web server has built the app before any test runs.
  const files = filesUnder(path.resolve(".next/static"));
  expect(files.filter((file) => file.endsWith(".js")).length, "client chunks in .next/static").toBeGreaterThan(0);
  const leaks = files.flatMap((file) => {
    const text = readFileSync(file, "utf8");
    return SCHEMA_ONLY_COLUMNS.filter((column) => text.includes(column)).map(
      (column) => `${path.relative(".", file)}: ${column}`,
    );
  });
  expect(leaks, "schema column names found in client chunks").toEqual([]);
});

import { describe, expect, it } from "vitest";
import { assertLocalDatabase } from "./test-database";

describe("assertLocalDatabase", () => {
  it.each([
    "postgres://postgres@127.0.0.1:5432/postgres",
    "postgresql://u:p@localhost/db",
    "postgres://u@[::1]:5432/db",
    "postgres://u@/db?host=/var/run/postgresql",
    "postgres://u@LOCALHOST:5432,127.0.0.1:5433/db",
  ])("allows %s", (url) => {
    expect(() => assertLocalDatabase(url, {})).not.toThrow();
  });

  it.each([
    "postgres://u@db.example.com:5432/prod",
    "postgres://u@10.0.0.5/db",
    "postgres://u@localhost.evil.com/db",
    "postgres://u@localhost:5432,db.example.com:5432/db",
  ])("refuses %s", (url) => {
    expect(() => assertLocalDatabase(url, {})).toThrow(/Refusing to create and drop test databases/);
  });

  it("reads PGHOST when the URL names no host, as postgres.js does", () => {
    expect(() => assertLocalDatabase("postgres://u@/db", { PGHOST: "db.example.com" })).toThrow(/db\.example\.com/);
  });

  it("allows a remote server only when ALLOW_REMOTE_TEST_DB=1", () => {
    expect(() => assertLocalDatabase("postgres://u@db.example.com/ci", { ALLOW_REMOTE_TEST_DB: "1" })).not.toThrow();
    expect(() => assertLocalDatabase("postgres://u@db.example.com/ci", { ALLOW_REMOTE_TEST_DB: "true" })).toThrow();
  });
});

/**
 * The server Playwright tests run against: the production build on its own fresh database (a new
 * PostgreSQL database when DATABASE_URL is set, dropped afterwards; else a throwaway embedded one)
 * and its own KV prefix, so runs never see each other's data.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@/db/test-database";

const port = process.env.E2E_PORT ?? "3100";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  HOST: "127.0.0.1",
  APP_URL: `http://127.0.0.1:${port}`,
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  // Customers are played by the built-in Bot API sandbox (Test customer panel and helpers).
  TELEGRAM_SANDBOX: "true",
  KV_PREFIX: `e2e-${randomBytes(4).toString("hex")}`,
  NODE_ENV: "production",
  // Every e2e sign-up comes from 127.0.0.1; the limit itself is covered by integration tests.
  SIGN_UP_LIMIT_PER_HOUR: "1000",
};

let cleanup: () => Promise<void> = async () => {};
if (process.env.DATABASE_URL) {
  const database = await createTestDatabase(process.env.DATABASE_URL, "deskgram_e2e");
  env.DATABASE_URL = database.url;
  cleanup = database.drop;
} else {
  const dataDir = mkdtempSync(path.join(tmpdir(), "deskgram-e2e-"));
  env.DATA_DIR = dataDir;
  cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
}

const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "server/runtime/serve.ts"], {
  env,
  stdio: "inherit",
});
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
child.on("exit", async (code) => {
  await cleanup().catch((error: unknown) => console.error("e2e cleanup failed:", error));
  process.exit(code ?? 0);
});

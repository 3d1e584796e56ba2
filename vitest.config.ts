import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const embedded = !process.env.DATABASE_URL;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // The marker throws outside React Server Components; tests call server modules directly.
      { find: /^server-only$/, replacement: fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)) },
    ],
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.next/**", "e2e/**", ".data/**"],
    globalSetup: ["./vitest.global-setup.ts"],
    setupFiles: ["./db/test-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Embedded PGlite is one session: files must take turns, as two connections can swallow each other's statements.
    fileParallelism: !embedded,
  },
});

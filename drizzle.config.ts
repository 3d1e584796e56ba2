import { defineConfig } from "drizzle-kit";

// Generating migrations needs no database; `npm run db:migrate` applies them (db/migrate-cli.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
});

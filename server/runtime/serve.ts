/**
 * Starts Deskgram: `npm start` (production; builds first when the build is missing or older than the
 * source) or `npm run dev`. Without DATABASE_URL it runs on the embedded defaults under .data/.
 */
import nextEnv from "@next/env";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { EnvError } from "@/lib/env";
import { stampSocketIp } from "@/lib/client-ip";
import { serveDirectly } from "@/server/runtime/direct-routes";
import { prepareServices } from "@/server/runtime/prepare-services";
import { startBackgroundServices } from "@/server/runtime/start-background";

const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED ??= "1"; // a self-hosted help desk phones home only if asked to
const root = process.cwd();
nextEnv.loadEnvConfig(root, dev);

const SOURCES = ["app", "server", "db", "components", "lib", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestSourceMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((max, name) => Math.max(max, newestSourceMtime(path.join(entry, name))), stat.mtimeMs);
}

/** Builds when the build is missing or older than the source; false when the build failed. */
function buildIfStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((s) => newestSourceMtime(path.join(root, s))));
  if (builtAt >= changedAt) return true;
  console.log(builtAt ? "Source changed since the last build; rebuilding…" : "Building Deskgram (first start only)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: process.env,
  });
  return result.status === 0;
}

async function main() {
  const startedAt = Date.now();
  // Services first: a configuration mistake is reported in a second, not after a build.
  const services = await prepareServices();
  if (!dev && !buildIfStale()) {
    console.error("Build failed; see the output above.");
    await services.stop();
    process.exit(1);
  }
  const { PORT: port, HOST: hostname, APP_URL } = services.env;

  const background = await startBackgroundServices(services.env);
  const app = next({ dev, dir: root, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    stampSocketIp(req);
    // Link visits and Telegram webhooks are answered without Next.js's routing (direct-routes.ts).
    if (!serveDirectly(req, res)) void handle(req, res);
  });
  // Longer than the idle timeout of clients and load balancers that reuse connections (typically
  // 60 s), so the server never closes a kept-alive socket just as a request is sent on it (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, hostname, () => {
    console.log(
      `Deskgram is ready at ${APP_URL} (${dev ? "development" : "production"}, started in ${Date.now() - startedAt} ms)`,
    );
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down…`);
    server.close();
    server.closeAllConnections();
    await app.close?.().catch(() => {});
    await background.stop();
    await services.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});

/**
 * `npm run sandbox`: a standalone Bot API sandbox. Port from SANDBOX_PORT (default 8081), state in
 * SANDBOX_STATE_FILE (default .data/sandbox.json), bound to SANDBOX_HOST (default 127.0.0.1: the
 * control API has no authentication, keep it off public interfaces).
 */
import { startBotApiSandbox } from "./server";

async function main() {
  const port = Number(process.env.SANDBOX_PORT || 8081);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`SANDBOX_PORT must be a port number, not "${process.env.SANDBOX_PORT}"`);
  const stateFile = process.env.SANDBOX_STATE_FILE || ".data/sandbox.json";
  const sandbox = await startBotApiSandbox({ port, host: process.env.SANDBOX_HOST || "127.0.0.1", stateFile });
  console.log(`Bot API sandbox ready at ${sandbox.url} (state: ${stateFile})`);
  console.log(`  Use it: TELEGRAM_API_ROOT=${sandbox.url} TELEGRAM_SANDBOX_URL=${sandbox.url}`);
  console.log(`  New bot: curl -X POST ${sandbox.url}/sandbox/bots -H 'content-type: application/json' -d '{}'`);

  const shutdown = async (signal: string) => {
    console.log(`${signal} received, saving state and stopping…`);
    await sandbox.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: Error) => {
  console.error(`Bot API sandbox failed to start: ${error.message}`);
  process.exit(1);
});

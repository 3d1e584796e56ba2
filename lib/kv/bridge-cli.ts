/**
 * Development CLI: serves the Upstash REST protocol in front of a plain Redis.
 *   REDIS_URL=redis://127.0.0.1:6379 KV_BRIDGE_TOKEN=dev-token KV_BRIDGE_PORT=8079 npm run kv:bridge
 * Then point the app at it with the two UPSTASH_* lines it prints.
 */
import { randomBytes } from "node:crypto";
import { startKvBridge } from "./bridge";

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  // A generated token is printed below; set KV_BRIDGE_TOKEN to keep it stable across restarts.
  const token = process.env.KV_BRIDGE_TOKEN || randomBytes(24).toString("base64url");
  const port = Number(process.env.KV_BRIDGE_PORT || 8079);
  const host = process.env.KV_BRIDGE_HOST || "127.0.0.1";
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`KV_BRIDGE_PORT must be a port number, got ${process.env.KV_BRIDGE_PORT}`);

  const bridge = await startKvBridge({ redisUrl, token, port, host });
  console.log(`KV bridge listening on ${bridge.url}, forwarding to ${new URL(redisUrl).host}`);
  console.log(`UPSTASH_REDIS_REST_URL=${bridge.url}`);
  console.log(`UPSTASH_REDIS_REST_TOKEN=${bridge.token}`);

  const stop = (signal: string) => {
    console.log(`${signal} received, closing the KV bridge…`);
    bridge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

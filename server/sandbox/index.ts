/** The Bot API sandbox: a Telegram Bot API stand-in for tests, development and the demo. */
export { startBotApiSandbox } from "./server";
export { sandboxClient, SandboxError } from "./client";
export { DEFAULT_RETRY_DELAYS_MS } from "./webhook-delivery";
export type * from "./types";

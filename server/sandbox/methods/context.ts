import type { SandboxCore } from "../core";
import type { BotApiParams } from "../params";
import type { BotRecord } from "../state";

/** What a Bot API method handler gets: the sandbox, the calling bot and the call's parameters. */
export type MethodContext = { core: SandboxCore; bot: BotRecord; params: BotApiParams };

/** A result with Telegram's optional `description` next to it (setWebhook answers "Webhook was set"). */
export class Described {
  constructor(
    public readonly result: unknown,
    public readonly description: string,
  ) {}
}

export type MethodHandler = (context: MethodContext) => unknown;

/**
 * The control API over fetch, for tests, scripts and the console's Test customer panel. Plain fetch and
 * no Node modules, so it runs wherever the app does. Methods are closures: safe to pass around unbound.
 */
import type {
  BotApiCall,
  CustomerEditInput,
  CustomerMessageInput,
  FaultInput,
  GroupInput,
  RawUpdateInput,
  SandboxBot,
  SandboxBotCreated,
  SandboxChat,
  SandboxClient,
  TranscriptEntry,
  UpdateReceipt,
  WaitOption,
} from "./types";

/** A refusal from the control API (or no answer at all), with its message. */
export class SandboxError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SandboxError";
  }
}

/** `baseUrl` is the sandbox's root (the same URL as the Bot API root); a trailing /sandbox is accepted too. */
export function sandboxClient(baseUrl: string): SandboxClient {
  const root = baseUrl.replace(/\/+$/, "").replace(/\/sandbox$/, "");

  async function call<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${root}/sandbox${path}`, {
        method,
        headers: body === undefined ? undefined : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new SandboxError(0, `the Bot API sandbox at ${root} is not reachable (${(error as Error).message}); is it running?`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const message = (parsed as { error?: string } | undefined)?.error ?? `HTTP ${response.status} from ${method} ${path}`;
      throw new SandboxError(response.status, message);
    }
    return parsed as T;
  }

  const waitQuery = (options?: WaitOption) => (options?.wait ? "?wait=true" : "");

  return {
    baseUrl: root,
    health: () => call("GET", "/health"),
    createBot: (input = {}) => call<SandboxBotCreated>("POST", "/bots", input),
    getBot: (botId) => call<SandboxBot>("GET", `/bots/${botId}`),
    revokeToken: (botId) => call<SandboxBotCreated>("POST", `/bots/${botId}/revoke-token`),
    customerSays: (botId: number, input: CustomerMessageInput, options?: WaitOption) =>
      call<UpdateReceipt>("POST", `/bots/${botId}/customer-says${waitQuery(options)}`, input),
    customerEdits: (botId: number, input: CustomerEditInput, options?: WaitOption) =>
      call<UpdateReceipt>("POST", `/bots/${botId}/customer-edits${waitQuery(options)}`, input),
    sendRawUpdate: (botId: number, update: RawUpdateInput, options?: WaitOption) =>
      call<UpdateReceipt>("POST", `/bots/${botId}/updates${waitQuery(options)}`, update),
    transcript: (botId, chatId) => call<TranscriptEntry[]>("GET", `/bots/${botId}/chats/${chatId}/transcript`),
    chats: (botId) => call<SandboxChat[]>("GET", `/bots/${botId}/chats`),
    calls: (botId) => call<BotApiCall[]>("GET", `/bots/${botId}/calls`),
    fail: async (botId: number, fault: FaultInput) => void (await call("POST", `/bots/${botId}/faults`, fault)),
    blockBot: async (botId, chatId) => void (await call("POST", `/bots/${botId}/blocks`, { chatId })),
    unblockBot: async (botId, chatId) => void (await call("DELETE", `/bots/${botId}/blocks/${chatId}`)),
    createGroup: (botId: number, input: GroupInput) => call<{ chatId: number }>("POST", `/bots/${botId}/groups`, input),
  };
}

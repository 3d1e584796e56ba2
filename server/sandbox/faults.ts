/** Errors a test asked for with fail(): the next calls of a method answer them instead of working. */
import { BotApiError, defaultDescription } from "./errors";
import type { BotRecord } from "./state";
import type { FaultInput } from "./types";

export function addFault(bot: BotRecord, fault: FaultInput): void {
  bot.faults.push({
    method: fault.method.toLowerCase(),
    errorCode: fault.errorCode,
    description: fault.description ?? defaultDescription(fault.errorCode, fault.retryAfter),
    retryAfter: fault.errorCode === 429 ? (fault.retryAfter ?? 1) : fault.retryAfter,
    remaining: fault.times ?? 1,
  });
}

/** Uses up one occurrence of the first fault for this method (or for "*"), as the error to answer. */
export function takeFault(bot: BotRecord, method: string): BotApiError | undefined {
  const lower = method.toLowerCase();
  const index = bot.faults.findIndex((fault) => fault.method === lower || fault.method === "*");
  if (index < 0) return undefined;
  const fault = bot.faults[index]!;
  if (--fault.remaining <= 0) bot.faults.splice(index, 1);
  return new BotApiError(
    fault.errorCode,
    fault.description,
    fault.retryAfter !== undefined ? { retry_after: fault.retryAfter } : undefined,
  );
}

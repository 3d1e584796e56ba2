import type { Api } from "grammy";
import type { Database } from "@/db/client";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { UnreadableBotToken, type BotClients } from "./bot-clients";
import type { ClaimedMessage } from "./claim";
import { BOT_DISCONNECTED, classifySendError, gaveUpReason, type SendFailure } from "./delivery-errors";
import { markFailed, markSent, releaseClaim, requeue } from "./record-outcome";

export type Log = (line: string) => void;

export type SendDeps = {
  db: Database;
  clients: BotClients;
  /** Claims a transient failure may use up before the message is marked failed. */
  maxAttempts: number;
  /** Wait before the next attempt after the given number of attempts failed transiently. */
  backoffMs: (attempts: number) => number;
  /** Aborted when the sender stops: the claim is handed back untouched. */
  signal?: AbortSignal;
  /** Time allowed for one attempt, kept inside the claim's lease so no other sender takes it over meanwhile. */
  attemptTimeoutMs: number;
  log?: Log;
};

export type SendResult = {
  outcome: "sent" | "failed" | "requeued" | "released" | "claim-lost";
  /** When requeued: the message is due again after this long. */
  retryInMs?: number;
};

/** Why a message cannot be sent at all, whatever Telegram would say. */
class Unsendable extends Error {}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(new Error("Sender stopping"));
    };
    if (signal?.aborted) stop();
    else signal?.addEventListener("abort", stop, { once: true });
  });
}

// grammY types its signal with the abort-controller polyfill; the platform's AbortSignal is what it gets at runtime.
type GrammySignal = Parameters<Api["sendMessage"]>[3];

/** One Bot API call per message kind; resolves to Telegram's message id. */
async function deliver(api: Api, message: ClaimedMessage, abortSignal?: AbortSignal): Promise<number> {
  const signal = abortSignal as GrammySignal;
  const caption = message.text ?? undefined;
  const fileId = message.media?.fileId;
  switch (message.kind) {
    case "text":
      return (await api.sendMessage(message.chatId, message.text ?? "", undefined, signal)).message_id;
    case "photo":
      if (!fileId) throw new Unsendable("The photo has no Telegram file id, so it cannot be sent.");
      return (await api.sendPhoto(message.chatId, fileId, { caption }, signal)).message_id;
    case "document":
      if (!fileId) throw new Unsendable("The document has no Telegram file id, so it cannot be sent.");
      return (await api.sendDocument(message.chatId, fileId, { caption }, signal)).message_id;
    default:
      throw new Unsendable(`Deskgram cannot send ${message.kind.replace("_", " ")} messages yet.`);
  }
}

type Attempt = { sent: number } | { failed: SendFailure } | { released: true };

const TIMED_OUT: SendFailure = {
  kind: "transient",
  cause: "unreachable",
  reason: "Telegram did not answer in time; trying again.",
};

/** Talks to Telegram only; recording what happened is left to the caller. */
async function attempt(deps: SendDeps, message: ClaimedMessage): Promise<Attempt> {
  const { log } = deps;
  // One signal for both endings: the sender stopping, or the attempt running out of time.
  const controller = new AbortController();
  const signal = controller.signal;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.attemptTimeoutMs);
  const onStop = () => controller.abort();
  deps.signal?.addEventListener("abort", onStop, { once: true });
  try {
    // The previous message to this chat may have left a moment ago (perhaps from another instance).
    await pause(message.paceWaitMs, signal);
    const client = await deps.clients.forProject(message.projectId);
    if (!client) return { failed: { kind: "permanent", reason: BOT_DISCONNECTED } };
    return { sent: await deliver(client.api, message, signal) };
  } catch (error) {
    if (deps.signal?.aborted) return { released: true };
    if (timedOut) return { failed: TIMED_OUT };
    if (error instanceof Unsendable) return { failed: { kind: "permanent", reason: error.message } };
    if (error instanceof UnreadableBotToken) {
      return {
        failed: { kind: "permanent", reason: "The bot's token cannot be read (ENCRYPTION_KEY changed?). Reconnect the bot." },
      };
    }
    const failure = classifySendError(error);
    if (failure.kind === "transient" && failure.cause === "unexpected") {
      // Never the message body or the token: only the error's name.
      log?.(`outbox: message ${message.id}: unexpected error: ${error instanceof Error ? error.name : typeof error}`);
    }
    return { failed: failure };
  } finally {
    clearTimeout(timer);
    deps.signal?.removeEventListener("abort", onStop);
  }
}

type Recorded = [SendResult, BusEvent[]];

/** Writes the attempt's outcome: sent; failed for good; or queued again with a backoff until attempts run out. */
async function record(deps: SendDeps, message: ClaimedMessage, result: Attempt): Promise<Recorded> {
  const { db } = deps;
  if ("sent" in result) return [{ outcome: "sent" }, await markSent(db, message, result.sent)];
  if ("released" in result) return [{ outcome: "released" }, await releaseClaim(db, message)];
  const failure = result.failed;
  if (failure.kind === "permanent") return [{ outcome: "failed" }, await markFailed(db, message, failure.reason)];
  if (message.attempts >= deps.maxAttempts) {
    return [{ outcome: "failed" }, await markFailed(db, message, gaveUpReason(failure.cause, message.attempts))];
  }
  const retryInMs = Math.max(failure.retryAfterMs ?? 0, deps.backoffMs(message.attempts));
  return [{ outcome: "requeued", retryInMs }, await requeue(db, message, retryInMs, failure.reason)];
}

/** A message Telegram accepted must not stay 'sending' (it would be sent again after the lease): a few tries. */
async function recordPersistently(deps: SendDeps, message: ClaimedMessage, result: Attempt): Promise<Recorded> {
  for (let tries = 1; ; tries++) {
    try {
      return await record(deps, message, result);
    } catch (error) {
      if (tries >= 3) throw error;
      deps.log?.(`outbox: message ${message.id}: could not record its outcome (try ${tries}), trying again`);
      await new Promise((resolve) => setTimeout(resolve, 500 * tries));
    }
  }
}

/**
 * Sends one claimed message and records the outcome: sent (with Telegram's message id), failed with
 * a reason a person can act on, or queued again for a later attempt. Consoles hear about it on the bus.
 */
export async function sendClaimedMessage(deps: SendDeps, message: ClaimedMessage): Promise<SendResult> {
  const [result, events] = await recordPersistently(deps, message, await attempt(deps, message));
  if (events.length === 0) {
    deps.log?.(
      `outbox: message ${message.id}: another sender took over its claim before the outcome (${result.outcome}) was recorded`,
    );
    return { outcome: "claim-lost" };
  }
  await eventBus()
    .publish(events)
    .catch(() => deps.log?.(`outbox: message ${message.id}: could not publish its update to consoles`));
  return result;
}

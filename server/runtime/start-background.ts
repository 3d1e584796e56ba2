import { database } from "@/db/client";
import type { Env } from "@/lib/env";
import { startEventBus } from "@/server/events/start-event-bus";
import { startOutboxWorker } from "@/server/outbox/worker";

type Log = (line: string) => void;

/**
 * What runs beside the HTTP server: the event bus (LISTEN/NOTIFY across instances, or in-process on
 * the embedded defaults) and the outbox sender, which first sends whatever an earlier run left queued.
 */
export async function startBackgroundServices(env: Env, log: Log = console.log): Promise<{ stop(): Promise<void> }> {
  const bus = await startEventBus({ databaseUrl: env.DATABASE_URL!, mode: env.EVENT_BUS });
  const worker = startOutboxWorker({ db: database(), log, apiRoot: env.TELEGRAM_API_ROOT });
  log(`Events: ${env.EVENT_BUS === "local" ? "in-process" : "PostgreSQL LISTEN/NOTIFY"}; outbox sender running`);
  return {
    async stop() {
      await worker.stop().catch(() => {});
      await bus.stop().catch(() => {});
    },
  };
}

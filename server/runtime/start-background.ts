import { database } from "@/db/client";
import type { Env } from "@/lib/env";
import { kv } from "@/lib/kv";
import { startEventBus } from "@/server/events/start-event-bus";
import { clickRecorder } from "@/server/links/click-recorder";
import { startOutboxWorker } from "@/server/outbox/worker";
import { startSweeper } from "@/server/timers/sweeper";

type Log = (line: string) => void;

/**
 * What runs beside the HTTP server: the event bus (LISTEN/NOTIFY across instances, or in-process on
 * the embedded defaults), the outbox sender, which first sends whatever an earlier run left queued,
 * and the timer sweeper. Stopping first stores the diversion-link clicks still queued in memory.
 */
export async function startBackgroundServices(env: Env, log: Log = console.log): Promise<{ stop(): Promise<void> }> {
  const bus = await startEventBus({ databaseUrl: env.DATABASE_URL!, mode: env.EVENT_BUS });
  const worker = startOutboxWorker({ db: database(), log, apiRoot: env.TELEGRAM_API_ROOT });
  log(`Events: ${env.EVENT_BUS === "local" ? "in-process" : "PostgreSQL LISTEN/NOTIFY"}; outbox sender running`);
  const sweeper = startSweeper({ db: database(), kv: kv(), intervalMs: env.SWEEP_INTERVAL_MS });
  log(
    env.SWEEP_INTERVAL_MS
      ? `Timers: swept every ${env.SWEEP_INTERVAL_MS} ms`
      : "Timers: in-server sweeper off (SWEEP_INTERVAL_MS=0)",
  );
  return {
    async stop() {
      await clickRecorder()
        .flushed()
        .catch((error: unknown) =>
          log(`Clicks not stored at shutdown: ${error instanceof Error ? error.message : String(error)}`),
        );
      await sweeper.stop().catch(() => {});
      await worker.stop().catch(() => {});
      await bus.stop().catch(() => {});
    },
  };
}

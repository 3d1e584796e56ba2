import { createLocalBus, eventBus, setEventBus } from "./bus";
import { createPostgresBus, type PostgresBusOptions } from "./postgres-bus";

export type EventBusMode = "postgres" | "local";

/**
 * Installs the process-wide event bus; the launcher calls it once, before serving.
 * "postgres" (DATABASE_URL set): events cross server instances through LISTEN/NOTIFY.
 * "local" (embedded PGlite, where LISTEN/NOTIFY does not pass pglite-socket): one process, in memory.
 */
export async function startEventBus(
  config: { databaseUrl?: string; mode: EventBusMode } & PostgresBusOptions,
): Promise<{ stop(): Promise<void> }> {
  if (config.mode === "local") {
    setEventBus(createLocalBus());
    return { async stop() {} };
  }
  if (!config.databaseUrl) throw new Error('startEventBus: mode "postgres" needs a databaseUrl.');
  const bus = await createPostgresBus(config.databaseUrl, config);
  setEventBus(bus);
  return {
    async stop() {
      // Later publishes (during shutdown) stay in this process instead of failing on a closed connection.
      if (eventBus() === bus) setEventBus(createLocalBus());
      await bus.close();
    },
  };
}

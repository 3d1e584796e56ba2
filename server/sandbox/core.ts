import type { SandboxData } from "./state";
import type { WebhookDelivery } from "./webhook-delivery";

/** What every handler works with: the state, a way to say it changed (saves it), and update delivery. */
export type SandboxCore = {
  data: SandboxData;
  /** Call after every mutation: schedules the (debounced) save of the state file. */
  changed(): void;
  /** Saves now; for changes a restart right after must not lose (a new bot, a new token). */
  persist(): Promise<void>;
  delivery: WebhookDelivery;
};

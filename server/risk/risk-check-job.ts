import type { RiskGroupRules } from "./compile-matcher";
import type { RiskHit, RiskSender } from "./project-matcher";

/** A check as the worker thread receives it; `groups` only when the worker may not know `key` yet. */
export type RiskCheckRequest = {
  id: number;
  key: string;
  groups?: readonly RiskGroupRules[];
  text: string;
  sender: RiskSender;
};

/**
 * What the worker says: that it is ready (once), that it compiled a check's groups (the check's own
 * time starts then), the hits, or that it needs the groups of `key` sent again.
 */
export type RiskCheckResponse =
  { ready: true } | { id: number; compiled: true } | { id: number; hits: RiskHit[] } | { id: number; unknownKey: true };

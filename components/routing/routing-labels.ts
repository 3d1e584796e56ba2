import type { AGENT_SCOPES, ROUTING_RULES, ROUTING_STRATEGIES } from "@/server/routing/routing-settings-input";

type Choice = { label: string; about: string };

/** PRODUCT.md "Routing": each rule in one line. */
export const RULE_CHOICES: Record<(typeof ROUTING_RULES)[number], Choice> = {
  round_robin: {
    label: "Round robin",
    about: "Every agent in scope takes a turn, whether they are online or not.",
  },
  online_first: {
    label: "Online first",
    about: "Available agents take turns; when nobody is online, it falls back to round robin over everyone in scope.",
  },
};

export const SCOPE_CHOICES: Record<(typeof AGENT_SCOPES)[number], Choice> = {
  all: { label: "All agents", about: "Everyone with a seat in this workspace." },
  specific: { label: "Specific agents", about: "Only the people you pick below." },
};

export const STRATEGY_CHOICES: Record<(typeof ROUTING_STRATEGIES)[number], Choice> = {
  rotation: { label: "Strict rotation", about: "The agent who has waited longest for a new conversation goes next." },
  least_loaded: { label: "Least loaded", about: "The agent with the fewest open conversations goes next." },
};

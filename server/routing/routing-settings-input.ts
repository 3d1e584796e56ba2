import { z } from "zod";
import { PEOPLE_PLACEHOLDER, POSITION_PLACEHOLDER } from "./queue-message";

// Only zod here: the Routing page checks its form with these schemas before sending.

export const ROUTING_RULES = ["round_robin", "online_first"] as const;
export const AGENT_SCOPES = ["all", "specific"] as const;
export const ROUTING_STRATEGIES = ["rotation", "least_loaded"] as const;

export const QUEUE_MESSAGE_MAX = 1000;
export const TIMER_MINUTES_MAX = 1440;

function waitingMessageSchema(name: string) {
  return z
    .string({ error: `Write the ${name}.` })
    .trim()
    .min(1, `Write the ${name}.`)
    .max(QUEUE_MESSAGE_MAX, `The ${name} must be at most ${QUEUE_MESSAGE_MAX} characters.`);
}

const hasPlaceholder = (text: string) => text.includes(POSITION_PLACEHOLDER) || text.includes(PEOPLE_PLACEHOLDER);

export const queueMessageSchema = waitingMessageSchema("queue message").refine(
  hasPlaceholder,
  `Keep ${PEOPLE_PLACEHOLDER} or ${POSITION_PLACEHOLDER} in the message: it tells the customer how many people are ahead of them.`,
);

/** Only the customer at the front hears it: nobody is ahead, so there is no count to fill in. */
export const queueNextMessageSchema = waitingMessageSchema("next-in-line message").refine(
  (text) => !hasPlaceholder(text),
  `Leave ${PEOPLE_PLACEHOLDER} and ${POSITION_PLACEHOLDER} out of the next-in-line message: nobody is ahead of this customer.`,
);

function minutesSchema(what: string) {
  return z
    .number({ error: `${what} must be a number of minutes.` })
    .int(`${what} must be a whole number of minutes.`)
    .min(1, `${what} must be at least 1 minute.`)
    .max(TIMER_MINUTES_MAX, `${what} must be at most ${TIMER_MINUTES_MAX} minutes (one day).`);
}

export const routingSettingsSchema = z
  .object({
    routingRule: z.enum(ROUTING_RULES, { error: "Choose Round robin or Online first." }),
    agentScope: z.enum(AGENT_SCOPES, { error: "Choose all agents or specific agents." }),
    /** The agents of a "specific" scope (kept, but unused, while the scope is "all"). */
    agentIds: z.array(z.uuid("Unknown agent."), { error: "Choose agents." }).max(500, "Choose at most 500 agents."),
    routingStrategy: z.enum(ROUTING_STRATEGIES, { error: "Choose strict rotation or least loaded." }),
    stickyCustomers: z.boolean(),
    queueMessage: queueMessageSchema,
    queueNextMessage: queueNextMessageSchema,
    graceMinutes: minutesSchema("The grace period"),
    acceptMinutes: minutesSchema("The time to open a session"),
    firstResponseMinutes: minutesSchema("The first-response threshold"),
  })
  .superRefine((settings, ctx) => {
    if (settings.agentScope === "specific" && settings.agentIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["agentIds"], message: "Pick at least one agent, or route to all agents." });
    }
  });

export type RoutingSettingsInput = z.infer<typeof routingSettingsSchema>;

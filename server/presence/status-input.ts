import { z } from "zod";
import { FINISHED_REASON, IDLE_REASON } from "./status-rules";

/** The Away reasons every workspace has (seed 004). */
export const BUILT_IN_AWAY_REASONS = ["Lunch break", "Short break", "Training", "Meeting", "Technical break"] as const;

/** Labels an admin cannot add: the built-in ones and the ones the system sets. */
const RESERVED = new Set([...BUILT_IN_AWAY_REASONS, IDLE_REASON, FINISHED_REASON].map((r) => r.toLowerCase()));

// Shared by the server and the settings form (no server imports here).
export const awayReasonLabelSchema = z
  .string()
  .trim()
  .min(1, "Name the reason.")
  .max(60, "A reason can have at most 60 characters.")
  .refine((label) => !RESERVED.has(label.toLowerCase()), "That reason is built in already.");

export const idleTimeoutMinutesSchema = z
  .number({ error: "Enter the idle timeout in whole minutes." })
  .int("Enter the idle timeout in whole minutes.")
  .min(1, "The idle timeout is at least 1 minute.")
  .max(240, "The idle timeout is at most 240 minutes (4 hours).");

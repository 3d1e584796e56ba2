/**
 * What one risk check may cost, whatever a tenant's patterns are. RE2 is linear in the text, but
 * its cost also grows with the program: `(.*a){20}` or `\w{1000}` take seconds on a 4,096-character
 * reply. Patterns are refused past these limits when saved, and every check runs off the main
 * thread with a deadline, so older or unforeseen patterns cannot hold the server either.
 */
export const RISK_CHECK_BUDGET = {
  /** A check still running after this long is stopped and answered as "asks the agent to confirm". */
  deadlineMs: 250,
  /** After a project's check ran out of time, its checks answer the same at once for this long (or until its groups change). */
  slowProjectMs: 60_000,
  /** A pattern's estimated program size (its parts with counted repeats spelled out), at most. */
  patternCost: 120,
  /** A part that repeats without limit (`.*`, `\w+`) may itself be repeated by a count at most this often. */
  unboundedRepeat: 5,
} as const;

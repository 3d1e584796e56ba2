/** Every named rate limit in one table, so the numbers can be reviewed and tuned in one place. */

export interface RateLimitPolicy {
  /** Part of the counter key; two policies must never share a name. */
  name: string;
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
  /** What the caller passes as the identifier (documentation only). */
  keyedBy: string;
}

const MINUTE = 60_000;

export const rateLimitPolicies = {
  // Password guessing against one account from one network; reset on a successful sign-in.
  signIn: { name: "signIn", limit: 10, windowMs: 5 * MINUTE, keyedBy: "normalized email + client IP" },
  // Credential stuffing: many accounts tried from one network.
  signInByIp: { name: "signInByIp", limit: 100, windowMs: 15 * MINUTE, keyedBy: "client IP" },
  // Mass account and workspace creation.
  signUp: { name: "signUp", limit: 10, windowMs: 60 * MINUTE, keyedBy: "client IP" },
  // Public short links (t.me redirects) scraped or hammered.
  shortLink: { name: "shortLink", limit: 120, windowMs: MINUTE, keyedBy: "client IP" },
  // Risk pre-checks while an agent types (one per pause); more would only queue checks for other tenants.
  riskPrecheck: { name: "riskPrecheck", limit: 90, windowMs: MINUTE, keyedBy: "workspace + member" },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof rateLimitPolicies;

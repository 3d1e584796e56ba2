export { rateLimit, resetRateLimit, type RateLimitResult } from "./rate-limit";
export { rateLimitPolicies, type RateLimitPolicy, type RateLimitPolicyName } from "./policies";

import { env } from "@/lib/env";
import { rateLimit, rateLimitPolicies } from "@/lib/rate-limit";
import { signUpInput } from "@/server/auth/credentials";
import { formatWait } from "@/server/auth/sign-in";
import { signUp } from "@/server/auth/sign-up";
import { DomainError } from "@/server/errors";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  /** Creates the account and its workspace; the browser then signs in through next-auth. */
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const policy = rateLimitPolicies.signUp;
    const limit = await rateLimit(ctx.kv, { ...policy, limit: env().SIGN_UP_LIMIT_PER_HOUR ?? policy.limit }, ctx.ip);
    if (!limit.ok) {
      throw new DomainError(
        "rate_limited",
        `Too many sign-ups from your network. Try again in ${formatWait(limit.retryAfterSeconds)}.`,
      );
    }
    const { workspace } = await signUp(ctx.db, input);
    return { workspaceSlug: workspace.slug };
  }),
});

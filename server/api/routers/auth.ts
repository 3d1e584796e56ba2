import { signUpInput } from "@/server/auth/credentials";
import { assertSignUpAllowed, signUp } from "@/server/auth/sign-up";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  /** Creates the account and its workspace; the browser then signs in through next-auth. */
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    await assertSignUpAllowed(ctx.kv, ctx.ip);
    const { workspace } = await signUp(ctx.db, input);
    return { workspaceSlug: workspace.slug };
  }),
});

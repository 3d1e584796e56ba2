import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { env } from "@/lib/env";
import type { Kv } from "@/lib/kv/types";
import { rateLimit, rateLimitPolicies } from "@/lib/rate-limit";
import { DomainError } from "@/server/errors";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import type { SignUpInput } from "./credentials";
import { hashPassword } from "./password";
import { formatWait } from "./sign-in";

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/** Accounts created from one network per hour (sign-up and joining by invitation share the limit). */
export async function assertSignUpAllowed(kv: Kv, ip: string): Promise<void> {
  const policy = rateLimitPolicies.signUp;
  const limit = await rateLimit(kv, { ...policy, limit: env().SIGN_UP_LIMIT_PER_HOUR ?? policy.limit }, ip);
  if (!limit.ok) {
    throw new DomainError(
      "rate_limited",
      `Too many sign-ups from your network. Try again in ${formatWait(limit.retryAfterSeconds)}.`,
    );
  }
}

/** A new account with no workspace, in the caller's transaction; a taken email is refused on the email field. */
export async function createAccount(tx: Tx, input: { name: string; email: string; passwordHash: string }) {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
  if (existing) throw new DomainError("conflict", EMAIL_TAKEN, { field: "email" });
  const [user] = await tx
    .insert(users)
    .values({ name: input.name, email: input.email, passwordHash: input.passwordHash })
    .returning({ id: users.id });
  if (!user) throw new Error("User insert returned nothing");
  return user.id;
}

/** Two sign-ups racing for one email: the unique index decides, and the loser gets the same message. */
export function emailTakenError(error: unknown): DomainError | null {
  const pg =
    (error as { cause?: { code?: string; constraint_name?: string } }).cause ??
    (error as { code?: string; constraint_name?: string });
  return pg.code === "23505" && pg.constraint_name === "users_email_unique"
    ? new DomainError("conflict", EMAIL_TAKEN, { field: "email" })
    : null;
}

/** Creates the account and its first workspace (owner, 3-day Trial) in one transaction. */
export async function signUp(db: Database, input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const userId = await createAccount(tx, { name: input.name, email: input.email, passwordHash });
      const workspace = await createWorkspace(tx, { name: input.workspaceName, ownerId: userId });
      return { userId, workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name } };
    });
  } catch (error) {
    throw emailTakenError(error) ?? error;
  }
}

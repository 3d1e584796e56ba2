import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import type { SignUpInput } from "./credentials";
import { hashPassword } from "./password";

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/** Creates the account and its first workspace (owner, 3-day Trial) in one transaction. */
export async function signUp(db: Database, input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
      if (existing) throw new DomainError("conflict", EMAIL_TAKEN, { field: "email" });
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email, passwordHash })
        .returning({ id: users.id });
      if (!user) throw new Error("User insert returned nothing");
      const workspace = await createWorkspace(tx, { name: input.workspaceName, ownerId: user.id });
      return { userId: user.id, workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name } };
    });
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides, the loser gets the same message.
    const pg =
      (error as { cause?: { code?: string; constraint_name?: string } }).cause ??
      (error as { code?: string; constraint_name?: string });
    if (pg.code === "23505" && pg.constraint_name === "users_email_unique") {
      throw new DomainError("conflict", EMAIL_TAKEN, { field: "email" });
    }
    throw error;
  }
}

import type { Database } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { TRIAL_DAYS } from "@/lib/access/plans";
import { slugify, slugWithSuffix } from "./slug";

/** Creates a workspace on a fresh Trial with `ownerId` as its owner. Call inside a transaction. */
export async function createWorkspace(tx: Tx | Database, input: { name: string; ownerId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const values = {
    name: input.name,
    plan: "trial" as const,
    trialEndsAt: new Date(now.getTime() + TRIAL_DAYS * 86_400_000),
    createdAt: now,
  };
  let workspace: typeof workspaces.$inferSelect | undefined;
  // The unique index decides who gets a slug, so two workspaces created at once with one name both succeed.
  for (let attempt = 0; !workspace; attempt++) {
    if (attempt > 5) throw new Error("Could not find a free workspace address");
    const slug = attempt === 0 ? slugify(input.name) : slugWithSuffix(slugify(input.name));
    [workspace] = await tx
      .insert(workspaces)
      .values({ ...values, slug })
      .onConflictDoNothing({ target: workspaces.slug })
      .returning();
  }
  await tx.insert(memberships).values({ workspaceId: workspace.id, userId: input.ownerId, role: "owner" });
  return workspace;
}

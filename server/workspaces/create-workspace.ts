import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import { TRIAL_DAYS } from "@/server/plans/catalogue";
import { slugify, slugWithSuffix } from "./slug";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Creates a workspace on a fresh Trial with `ownerId` as its owner. Call inside a transaction. */
export async function createWorkspace(tx: Tx | Database, input: { name: string; ownerId: string; now?: Date }) {
  const now = input.now ?? new Date();
  let slug = slugify(input.name);
  for (let attempt = 0; ; attempt++) {
    const [taken] = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
    if (!taken) break;
    if (attempt > 5) throw new Error("Could not find a free workspace address");
    slug = slugWithSuffix(slugify(input.name));
  }
  const [workspace] = await tx
    .insert(workspaces)
    .values({
      name: input.name,
      slug,
      plan: "trial",
      trialEndsAt: new Date(now.getTime() + TRIAL_DAYS * 86_400_000),
      createdAt: now,
    })
    .returning();
  if (!workspace) throw new Error("Workspace insert returned nothing");
  await tx.insert(memberships).values({ workspaceId: workspace.id, userId: input.ownerId, role: "owner" });
  return workspace;
}

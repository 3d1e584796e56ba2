import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { workspaces } from "@/db/schema";

/** Renames the workspace; its address (slug) stays, so links people saved keep working. */
export async function renameWorkspace(db: Database, workspaceId: string, name: string) {
  const [row] = await db
    .update(workspaces)
    .set({ name })
    .where(eq(workspaces.id, workspaceId))
    .returning({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug });
  if (!row) throw new Error("Workspace vanished during rename");
  return row;
}

import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { projects } from "@/db/schema";
import { lockLiveProject } from "./lock-project";

export async function renameProject(db: Database, input: { workspaceId: string; projectId: string; name: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockLiveProject(tx, input.workspaceId, input.projectId);
    await tx.update(projects).set({ name: input.name }).where(eq(projects.id, project.id));
    return { id: project.id, name: input.name };
  });
}

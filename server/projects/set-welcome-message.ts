import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { projects } from "@/db/schema";
import { lockLiveProject } from "./lock-project";

/** What the bot sends a customer who presses Start; used from the next /start on. */
export async function setWelcomeMessage(db: Database, input: { workspaceId: string; projectId: string; welcomeMessage: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockLiveProject(tx, input.workspaceId, input.projectId);
    await tx.update(projects).set({ welcomeMessage: input.welcomeMessage }).where(eq(projects.id, project.id));
    return { id: project.id, welcomeMessage: input.welcomeMessage };
  });
}

import type { Database } from "@/db/client";
import { projects } from "@/db/schema";
import type { PlanState } from "@/lib/access/plan-state";
import { assertProjectQuota } from "./project-quota";

/** A new Draft project (no bot yet), within the plan's project quota. */
export async function createProject(db: Database, input: { workspaceId: string; name: string; plan: PlanState }) {
  return db.transaction(async (tx) => {
    await assertProjectQuota(tx, input.workspaceId, input.plan);
    const [project] = await tx
      .insert(projects)
      .values({ workspaceId: input.workspaceId, name: input.name })
      .returning({ id: projects.id, name: projects.name, status: projects.status, createdAt: projects.createdAt });
    return project!;
  });
}

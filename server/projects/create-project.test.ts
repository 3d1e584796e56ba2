import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { projects, workspaces } from "@/db/schema";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { signedUpUser } from "@/server/testing/callers";
import { untilBlockedBy } from "@/server/testing/lock-waits";
import { createProject } from "./create-project";
import { assertProjectQuota } from "./project-quota";

describe("createProject", () => {
  it("makes a second create wait for one in flight, then counts its project (no check-then-insert race)", async () => {
    const owner = await signedUpUser("quota-lock");
    const db = database();
    const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, owner.workspace.id));
    const plan = await loadPlanState(db, workspace!);
    let second: Promise<unknown> | undefined;
    let settledWhileFirstOpen = false;

    await db.transaction(async (tx) => {
      await assertProjectQuota(tx, owner.workspace.id, plan);
      await tx.insert(projects).values({ workspaceId: owner.workspace.id, name: "First" });
      // Another request on another connection, while this one has counted and inserted but not committed.
      second = createProject(db, { workspaceId: owner.workspace.id, name: "Second", plan });
      second.then(
        () => (settledWhileFirstOpen = true),
        () => (settledWhileFirstOpen = true),
      );
      await untilBlockedBy(tx);
    });

    expect(settledWhileFirstOpen).toBe(false);
    await expect(second).rejects.toMatchObject({ kind: "quota_exceeded", details: { quota: "projects" } });
    const [live] = await db.select({ n: count() }).from(projects).where(eq(projects.workspaceId, owner.workspace.id));
    expect(live?.n).toBe(1);
  });
});

/** Seeds for project and bot tests (never imported by the app). */
import { createServer, type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { bots, memberships, projects, subscriptions, workspaces } from "@/db/schema";
import { signedUpUser } from "@/server/testing/callers";
import type { Role } from "@/server/workspaces/roles";

const DAY = 86_400_000;

/** A paid Pro period, so the workspace may have 10 projects. */
export async function upgradeToPro(workspaceId: string) {
  const now = Date.now();
  await database().update(workspaces).set({ plan: "pro" }).where(eq(workspaces.id, workspaceId));
  await database()
    .insert(subscriptions)
    .values({ workspaceId, plan: "pro", seats: 20, periodStart: new Date(now - DAY), periodEnd: new Date(now + 30 * DAY) });
}

export async function expireTrial(workspaceId: string) {
  await database()
    .update(workspaces)
    .set({ trialEndsAt: new Date(Date.now() - 1000) })
    .where(eq(workspaces.id, workspaceId));
}

/** Someone who signed up elsewhere and was added to this workspace with `role`. */
export async function memberWithRole(workspaceId: string, role: Role) {
  const user = await signedUpUser(role);
  await database().insert(memberships).values({ workspaceId, userId: user.userId, role });
  return user;
}

/** An owner with one Draft project in their (Trial) workspace. */
export async function ownerWithProject(label: string, name = "Support bot") {
  const owner = await signedUpUser(label);
  const project = await owner.caller.projects.create({ workspaceId: owner.workspace.id, name });
  return { ...owner, project, ids: { workspaceId: owner.workspace.id, projectId: project.id } };
}

export async function projectRow(projectId: string) {
  const [row] = await database().select().from(projects).where(eq(projects.id, projectId));
  return row!;
}

export async function botRowOf(projectId: string) {
  const [row] = await database().select().from(bots).where(eq(bots.projectId, projectId));
  return row ?? null;
}

/** A Bot API address where nothing listens: a port that was free a moment ago. */
export async function unreachableApiRoot(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

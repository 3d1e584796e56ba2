/** Seeds for diversion link tests (never imported by the app). */
import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { linkClicks, links, skillGroups } from "@/db/schema";
import { uniqueName } from "@/db/test-helpers";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { callerFor } from "@/server/testing/callers";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { createLink } from "./create-link";
import { linkSettingsSchema, type LinkSettings } from "./link-input";

/** A Trial workspace with one project whose bot is connected, and its owner's tRPC caller. */
export async function linkWorkspace() {
  const seeded = await seedConnectedProject();
  const workspaceId = seeded.workspace.id;
  return { ...seeded, workspaceId, ws: { workspaceId }, ownerId: seeded.owner.id, owner: callerFor(seeded.owner.id) };
}

export type LinkWorkspace = Awaited<ReturnType<typeof linkWorkspace>>;

/** Link settings for the seeded project, parsed as the router would. */
export function settingsFor(seed: LinkWorkspace, fields: Partial<Record<keyof LinkSettings, unknown>> = {}): LinkSettings {
  return linkSettingsSchema.parse({ name: "Spring campaign", projectId: seed.project.id, ...fields });
}

/** A link created through the domain function (plan, quota and target checks included). */
export async function seedLink(seed: LinkWorkspace, fields: Partial<Record<keyof LinkSettings, unknown>> = {}, code?: string) {
  const plan = await loadPlanState(database(), seed.workspace);
  return createLink(database(), {
    workspaceId: seed.workspaceId,
    userId: seed.ownerId,
    plan,
    code: code ?? null,
    settings: settingsFor(seed, fields),
  });
}

export async function seedSkillGroup(workspaceId: string) {
  const [group] = await database()
    .insert(skillGroups)
    .values({ workspaceId, name: uniqueName("vip").slice(0, 40) })
    .returning();
  return group!;
}

export async function clicksOf(linkId: string) {
  return database().select().from(linkClicks).where(eq(linkClicks.linkId, linkId)).orderBy(linkClicks.id);
}

export async function linkRow(linkId: string) {
  const [row] = await database().select().from(links).where(eq(links.id, linkId));
  return row!;
}

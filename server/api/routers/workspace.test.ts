import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { eq } from "drizzle-orm";
import { memberships, projects, users, workspaces } from "@/db/schema";
import { uniqueEmail, uniqueName } from "@/db/test-helpers";
import { callerFor, signedUpUser } from "@/server/testing/callers";
import { findMembership } from "@/server/workspaces/membership";
import { SLUG_PATTERN } from "@/server/workspaces/slug";

describe("workspace router", () => {
  it("lists only the caller's workspaces, and a created one joins the list with its own trial", async () => {
    const a = await signedUpUser("switch-a");
    const b = await signedUpUser("switch-b");
    const created = await a.caller.workspace.create({ name: "Second Desk" });
    const list = await a.caller.workspace.list();
    expect(list.map((w) => w.slug)).toEqual([a.workspace.slug, created.slug]);
    expect(list.every((w) => w.role === "owner")).toBe(true);
    expect(list.map((w) => w.id)).not.toContain(b.workspace.id);
    const plan = await a.caller.plan.overview({ workspaceId: created.id });
    expect(plan).toMatchObject({ plan: "trial", status: "trialing", daysLeft: 3 });
  });

  it("gives each workspace a unique, URL-safe slug", async () => {
    const name = `Ünïcode Désk ${uniqueName("s")}`;
    const a = await signedUpUser("slug");
    const first = await a.caller.workspace.create({ name });
    const second = await a.caller.workspace.create({ name });
    expect(first.slug).toMatch(/^[a-z0-9-]+$/);
    expect(first.slug.startsWith("unicode-desk")).toBe(true);
    expect(second.slug).not.toBe(first.slug);
  });

  it("gives workspaces created at the same moment with one name distinct addresses", async () => {
    const a = await signedUpUser("same-name");
    const name = `Same ${uniqueName("n")}`;
    const created = await Promise.all(Array.from({ length: 5 }, () => a.caller.workspace.create({ name })));
    expect(new Set(created.map((w) => w.slug)).size).toBe(5);
  });

  it("gives a workspace named without Latin letters a working address", async () => {
    const a = await signedUpUser("cyrillic");
    const created = await a.caller.workspace.create({ name: "Поддержка" });
    expect(created.slug).toMatch(SLUG_PATTERN);
    expect(await findMembership(database(), a.userId, { slug: created.slug })).toMatchObject({ role: "owner" });
  });

  it("refuses signed-out callers", async () => {
    await expect(callerFor(null).workspace.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("workspace.rename", () => {
  it("lets an owner rename; the address stays", async () => {
    const owner = await signedUpUser("rename");
    const renamed = await owner.caller.workspace.rename({ workspaceId: owner.workspace.id, name: "  Acme Help  " });
    expect(renamed).toEqual({ id: owner.workspace.id, name: "Acme Help", slug: owner.workspace.slug });
  });

  it("refuses agents, with a message naming who may", async () => {
    const owner = await signedUpUser("rename-owner");
    const agent = await signedUpUser("rename-agent");
    await database().insert(memberships).values({ workspaceId: owner.workspace.id, userId: agent.userId, role: "agent" });
    await expect(agent.caller.workspace.rename({ workspaceId: owner.workspace.id, name: "Hijacked" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^Only owners and admins can /),
    });
    const [row] = await database().select().from(workspaces).where(eq(workspaces.id, owner.workspace.id));
    expect(row?.name).toBe(owner.workspace.name);
  });

  it("is refused once the trial has expired (read-only console), leaving the name as it was", async () => {
    const owner = await signedUpUser("expired");
    await database()
      .update(workspaces)
      .set({ trialEndsAt: new Date(Date.now() - 1000) })
      .where(eq(workspaces.id, owner.workspace.id));
    await expect(owner.caller.workspace.rename({ workspaceId: owner.workspace.id, name: "New name" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Trial plan has expired, so this workspace is read-only"),
    });
    const plan = await owner.caller.plan.overview({ workspaceId: owner.workspace.id });
    expect(plan).toMatchObject({ status: "expired", readOnly: true, daysLeft: 0 });
    const [row] = await database().select().from(workspaces).where(eq(workspaces.id, owner.workspace.id));
    expect(row?.name).toBe(owner.workspace.name);
  });

  it("refuses a name that is too short or too long", async () => {
    const owner = await signedUpUser("rename-bad");
    await expect(owner.caller.workspace.rename({ workspaceId: owner.workspace.id, name: "x" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Workspace name must be at least 2 characters.",
    });
    await expect(owner.caller.workspace.rename({ workspaceId: owner.workspace.id, name: "x".repeat(61) })).rejects.toMatchObject({
      message: "Workspace name must be at most 60 characters.",
    });
  });
});

describe("plan.overview", () => {
  it("shows Trial with 3 days left and usage against quotas; marketers take no seat, archived projects do not count", async () => {
    const owner = await signedUpUser("plan");
    const db = database();
    const extra = await db
      .insert(users)
      .values([{ email: uniqueEmail("agent") }, { email: uniqueEmail("mkt") }])
      .returning({ id: users.id });
    await db.insert(memberships).values([
      { workspaceId: owner.workspace.id, userId: extra[0]!.id, role: "agent" },
      { workspaceId: owner.workspace.id, userId: extra[1]!.id, role: "marketer" },
    ]);
    await db.insert(projects).values([
      { workspaceId: owner.workspace.id, name: "Live bot" },
      { workspaceId: owner.workspace.id, name: "Old bot", archivedAt: new Date() },
    ]);
    const plan = await owner.caller.plan.overview({ workspaceId: owner.workspace.id });
    expect(plan).toMatchObject({
      plan: "trial",
      label: "Trial",
      status: "trialing",
      daysLeft: 3,
      readOnly: false,
      quotas: { seats: 3, projects: 1, links: 50 },
      usage: { seats: 2, projects: 1 },
    });
    expect(plan.features.every((f) => f.included)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { memberships, projects, users } from "@/db/schema";
import { callerFor, signedUpUser, unique } from "@/server/testing/callers";

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
    const name = `Ünïcode Désk ${unique("s")}`;
    const a = await signedUpUser("slug");
    const first = await a.caller.workspace.create({ name });
    const second = await a.caller.workspace.create({ name });
    expect(first.slug).toMatch(/^[a-z0-9-]+$/);
    expect(first.slug.startsWith("unicode-desk")).toBe(true);
    expect(second.slug).not.toBe(first.slug);
  });

  it("refuses signed-out callers", async () => {
    await expect(callerFor(null).workspace.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("plan.overview", () => {
  it("shows Trial with 3 days left and usage against quotas; marketers take no seat, archived projects do not count", async () => {
    const owner = await signedUpUser("plan");
    const db = database();
    const extra = await db
      .insert(users)
      .values([{ email: `${unique("agent")}@example.test` }, { email: `${unique("mkt")}@example.test` }])
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
      quotas: { seats: 3, projects: 1 },
      usage: { seats: 2, projects: 1 },
    });
    expect(plan.features.every((f) => f.included)).toBe(true);
  });
});

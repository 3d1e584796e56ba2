import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { bots, linkClicks, links, projects } from "@/db/schema";
import { kv } from "@/lib/kv";
import type { DomainError } from "@/server/errors";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { createLink } from "@/server/links/create-link";
import { linkKvKey } from "@/server/links/resolve-link";
import { linkRow, linkWorkspace, seedLink, seedSkillGroup, settingsFor } from "@/server/links/test-fixtures";
import { loadPlanState } from "@/server/plans/load-plan-state";
import { expireTrial, memberWithRole } from "@/server/projects/test-fixtures";

const CODE = /^[0-9A-Za-z]{8}$/;

/** What the console gets from a refused call: code, message, and the field it shows the message on. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const { code, message, cause } = error as TRPCError;
    const field =
      cause instanceof ZodError ? String(cause.issues[0]?.path[0]) : ((cause as DomainError | undefined)?.details?.field ?? null);
    return { code, message, field };
  }
  throw new Error("The call was not refused.");
}

function collectEvents() {
  const events: BusEvent[] = [];
  const stop = eventBus().subscribe((event) => events.push(event));
  return { events, stop };
}

describe("links: create, list, edit, pause, delete", () => {
  it("an owner creates a link with a generated code; the list shows its short URL, project, counts and status", async () => {
    const seed = await linkWorkspace();
    const group = await seedSkillGroup(seed.workspaceId);
    const expiresAt = new Date(Date.now() + 86_400_000);
    const { events, stop } = collectEvents();
    const created = await seed.owner.links.create({
      ...seed.ws,
      name: "  Instagram bio ",
      projectId: seed.project.id,
      utmSource: "instagram",
      utmMedium: " social ",
      utmCampaign: "",
      skillGroupId: group.id,
      expiresAt,
    });
    stop();
    expect(created.code).toMatch(CODE);
    expect(created.shortUrl).toBe(`http://localhost:3000/l/${created.code}`);
    expect(events).toContainEqual({ type: "link.changed", code: created.code });

    const [listed, ...rest] = await seed.owner.links.list(seed.ws);
    expect(rest).toEqual([]);
    expect(listed).toMatchObject({
      id: created.id,
      code: created.code,
      name: "Instagram bio",
      projectId: seed.project.id,
      projectName: seed.project.name,
      botUsername: seed.bot.username,
      skillGroupId: group.id,
      skillGroupName: group.name,
      utmSource: "instagram",
      utmMedium: "social",
      utmCampaign: null,
      clicks: 0,
      uniqueVisitors: 0,
      starts: 0,
      status: "active",
      shortUrl: created.shortUrl,
    });
    expect(listed!.expiresAt).toEqual(expiresAt);
  });

  it("generated codes are random, not sequential", async () => {
    const seed = await linkWorkspace();
    const codes = await Promise.all([1, 2, 3, 4, 5].map(() => seedLink(seed).then((l) => l.code)));
    expect(new Set(codes).size).toBe(5);
    for (const code of codes) expect(code).toMatch(CODE);
    const sorted = [...codes].sort();
    // Five draws from 62^8 codes in creation order being sorted as well happens once in 120 runs: check spacing instead.
    expect(sorted.some((code, i) => i > 0 && code.slice(0, 6) === sorted[i - 1]!.slice(0, 6))).toBe(false);
  });

  it("a custom code is unique across workspaces (case-sensitive), reserved words and bad characters are refused in place", async () => {
    const [a, b] = await Promise.all([linkWorkspace(), linkWorkspace()]);
    const code = `Promo_${Date.now().toString(36)}`;
    const base = { name: "Promo", projectId: a.project.id };
    await expect(a.owner.links.create({ ...a.ws, ...base, code })).resolves.toMatchObject({ code });
    expect(await refusal(b.owner.links.create({ ...b.ws, name: "Promo", projectId: b.project.id, code }))).toEqual({
      code: "CONFLICT",
      message: "That code is already taken. Choose another.",
      field: "code",
    });
    // Another case is another code.
    await expect(
      b.owner.links.create({ ...b.ws, name: "Promo", projectId: b.project.id, code: code.toLowerCase() }),
    ).resolves.toMatchObject({ code: code.toLowerCase() });
    for (const [bad, message] of [
      ["ADMIN", "That code is reserved. Choose another."],
      ["sign-in", "That code is reserved. Choose another."],
      ["ab", "A code is at least 3 characters."],
      ["spring sale", "Use only letters, digits, _ and - in the code."],
      ["ünï", "Use only letters, digits, _ and - in the code."],
      ["x".repeat(49), "A code is at most 48 characters."],
    ] as const) {
      expect(await refusal(a.owner.links.create({ ...a.ws, ...base, code: bad }))).toEqual({
        code: "BAD_REQUEST",
        message,
        field: "code",
      });
    }
  });

  it("checks name, UTM values and expiry, each on its field", async () => {
    const seed = await linkWorkspace();
    const base = { ...seed.ws, name: "Ok", projectId: seed.project.id };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: "  " }, "name", "Give the link a name."],
      [{ name: "n".repeat(81) }, "name", "The name must be at most 80 characters."],
      [{ utmCampaign: "c".repeat(201) }, "utmCampaign", "utm_campaign must be at most 200 characters."],
      [{ expiresAt: new Date(Date.now() - 60_000) }, "expiresAt", "The expiry must be in the future."],
      [{ projectId: "not-a-uuid" }, "projectId", "Choose a project."],
    ];
    for (const [fields, field, message] of cases) {
      expect(await refusal(seed.owner.links.create({ ...base, ...fields } as never))).toEqual({
        code: "BAD_REQUEST",
        message,
        field,
      });
    }
    await expect(seed.owner.links.create({ ...base, utmTerm: "t".repeat(200) })).resolves.toBeTruthy();
  });

  it("refuses a project without a bot, and another workspace's project or skill group", async () => {
    const [seed, other] = await Promise.all([linkWorkspace(), linkWorkspace()]);
    const [draft] = await database().insert(projects).values({ workspaceId: seed.workspaceId, name: "No bot yet" }).returning();
    expect(await refusal(seed.owner.links.create({ ...seed.ws, name: "x", projectId: draft!.id }))).toEqual({
      code: "BAD_REQUEST",
      message: "This project has no bot yet. Connect its bot in Projects first.",
      field: "projectId",
    });
    await expect(seed.owner.links.create({ ...seed.ws, name: "x", projectId: other.project.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Project not found.",
    });
    const foreignGroup = await seedSkillGroup(other.workspaceId);
    expect(
      await refusal(
        seed.owner.links.create({ ...seed.ws, name: "x", projectId: seed.project.id, skillGroupId: foreignGroup.id }),
      ),
    ).toEqual({ code: "NOT_FOUND", message: "Skill group not found.", field: "skillGroupId" });
  });

  it("edits, pauses, resumes and deletes a link, announcing each change; the code stays taken after delete", async () => {
    const seed = await linkWorkspace();
    const link = await seedLink(seed, { utmSource: "old" });
    await kv().set(linkKvKey(link.code), "null");
    const { events, stop } = collectEvents();

    await seed.owner.links.update({ ...seed.ws, linkId: link.id, name: "Renamed", projectId: seed.project.id, utmSource: "new" });
    expect(await linkRow(link.id)).toMatchObject({ name: "Renamed", utmSource: "new", code: link.code });
    expect(await kv().get(linkKvKey(link.code))).toBeNull();

    await seed.owner.links.setPaused({ ...seed.ws, linkId: link.id, paused: true });
    expect((await seed.owner.links.list(seed.ws))[0]).toMatchObject({ status: "paused" });
    await seed.owner.links.setPaused({ ...seed.ws, linkId: link.id, paused: false });
    expect((await seed.owner.links.list(seed.ws))[0]).toMatchObject({ status: "active" });

    await seed.owner.links.delete({ ...seed.ws, linkId: link.id });
    stop();
    expect(await seed.owner.links.list(seed.ws)).toEqual([]);
    expect((await linkRow(link.id)).deletedAt).toBeInstanceOf(Date);
    expect(events.filter((e) => e.type === "link.changed")).toHaveLength(4);
    await expect(
      seed.owner.links.update({ ...seed.ws, linkId: link.id, name: "x", projectId: seed.project.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Link not found.",
    });
    await expect(
      seed.owner.links.create({ ...seed.ws, name: "again", projectId: seed.project.id, code: link.code }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("an expired link shows as expired in the list", async () => {
    const seed = await linkWorkspace();
    const link = await seedLink(seed);
    await database()
      .update(links)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(links.id, link.id));
    expect((await seed.owner.links.list(seed.ws))[0]).toMatchObject({ status: "expired" });
  });

  it("counts clicks, unique visitors and Starts per link", async () => {
    const seed = await linkWorkspace();
    const link = await seedLink(seed);
    const row = (payload: string, isUnique: boolean, startedAt: Date | null) => ({
      workspaceId: seed.workspaceId,
      projectId: seed.project.id,
      linkId: link.id,
      payload,
      clickedAt: new Date(),
      visitorKey: "k",
      isUnique,
      startedAt,
    });
    const p = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
    await database()
      .insert(linkClicks)
      .values([row(`${p}a`, true, new Date()), row(`${p}b`, false, null), row(`${p}c`, true, null)]);
    expect((await seed.owner.links.list(seed.ws))[0]).toMatchObject({ clicks: 3, uniqueVisitors: 2, starts: 1 });
  });
});

describe("links: plan and roles", () => {
  it("the link quota counts links that are not deleted and names itself", async () => {
    const seed = await linkWorkspace();
    const plan = await loadPlanState(database(), seed.workspace);
    const small = { ...plan, quotas: { ...plan.quotas, links: 2 } };
    const create = () =>
      createLink(database(), {
        workspaceId: seed.workspaceId,
        userId: seed.ownerId,
        plan: small,
        code: null,
        settings: settingsFor(seed),
      });
    const first = await create();
    await create();
    await expect(create()).rejects.toMatchObject({
      kind: "quota_exceeded",
      message: "Your Trial plan includes 2 diversion links. Delete a link or upgrade in Settings → Plan to add another.",
    });
    await seed.owner.links.delete({ ...seed.ws, linkId: first.id });
    await expect(create()).resolves.toBeTruthy();
  });

  it("a plan without diversion links gets an upgrade message", async () => {
    const seed = await linkWorkspace();
    const plan = await loadPlanState(database(), seed.workspace);
    const without = { ...plan, features: plan.features.filter((f) => f !== "diversionLinks") };
    await expect(
      createLink(database(), {
        workspaceId: seed.workspaceId,
        userId: seed.ownerId,
        plan: without,
        code: null,
        settings: settingsFor(seed),
      }),
    ).rejects.toMatchObject({
      kind: "forbidden",
      message: "Diversion links are not included in your Trial plan. Choose Standard or Pro in Settings → Plan to use them.",
    });
  });

  it("an expired plan keeps links readable but refuses changes", async () => {
    const seed = await linkWorkspace();
    const link = await seedLink(seed);
    await expireTrial(seed.workspaceId);
    expect(await seed.owner.links.list(seed.ws)).toHaveLength(1);
    for (const call of [
      () => seed.owner.links.create({ ...seed.ws, name: "x", projectId: seed.project.id }),
      () => seed.owner.links.setPaused({ ...seed.ws, linkId: link.id, paused: true }),
      () => seed.owner.links.delete({ ...seed.ws, linkId: link.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/plan has expired/) });
    }
  });

  it("marketers and admins manage links; supervisors and agents cannot see them", async () => {
    const seed = await linkWorkspace();
    for (const role of ["marketer", "admin"] as const) {
      const member = await memberWithRole(seed.workspaceId, role);
      await expect(member.caller.links.create({ ...seed.ws, name: role, projectId: seed.project.id })).resolves.toBeTruthy();
      await expect(member.caller.links.formOptions(seed.ws)).resolves.toMatchObject({
        projects: [{ id: seed.project.id, botUsername: seed.bot.username }],
      });
    }
    const link = await seedLink(seed);
    for (const role of ["supervisor", "agent"] as const) {
      const member = await memberWithRole(seed.workspaceId, role);
      const refused = { code: "FORBIDDEN", message: expect.stringMatching(/^Only owners, admins and marketers can /) };
      await expect(member.caller.links.list(seed.ws)).rejects.toMatchObject(refused);
      await expect(member.caller.links.formOptions(seed.ws)).rejects.toMatchObject(refused);
      await expect(member.caller.links.create({ ...seed.ws, name: "x", projectId: seed.project.id })).rejects.toMatchObject(
        refused,
      );
      await expect(member.caller.links.delete({ ...seed.ws, linkId: link.id })).rejects.toMatchObject(refused);
    }
  });

  it("another workspace's link is not found, whatever the call", async () => {
    const [a, b] = await Promise.all([linkWorkspace(), linkWorkspace()]);
    const link = await seedLink(b);
    const notFound = { code: "NOT_FOUND", message: "Link not found." };
    await expect(a.owner.links.update({ ...a.ws, linkId: link.id, name: "x", projectId: a.project.id })).rejects.toMatchObject(
      notFound,
    );
    await expect(a.owner.links.setPaused({ ...a.ws, linkId: link.id, paused: true })).rejects.toMatchObject(notFound);
    await expect(a.owner.links.delete({ ...a.ws, linkId: link.id })).rejects.toMatchObject(notFound);
    expect(await linkRow(link.id)).toMatchObject({ pausedAt: null, deletedAt: null, name: "Spring campaign" });
  });

  it("the form offers projects with their bot (or none) and the workspace's skill groups", async () => {
    const seed = await linkWorkspace();
    const group = await seedSkillGroup(seed.workspaceId);
    await database().delete(bots).where(eq(bots.projectId, seed.project.id));
    expect(await seed.owner.links.formOptions(seed.ws)).toEqual({
      projects: [{ id: seed.project.id, name: seed.project.name, botUsername: null }],
      skillGroups: [{ id: group.id, name: group.name }],
    });
  });
});

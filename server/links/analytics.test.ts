import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { addMember } from "@/server/inbox/test-fixtures";
import { newCustomer, textUpdate } from "@/server/telegram/test-fixtures";
import { callerFor } from "@/server/testing/callers";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { seedClick, seedLink, deliverUnrouted } from "@/server/testing/seed-links";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ago = (ms: number) => new Date(Date.now() - ms);

async function workspace() {
  const seed = await seedConnectedProject();
  const project = { id: seed.project.id, workspaceId: seed.workspace.id };
  return { seed, project, owner: callerFor(seed.owner.id), workspaceId: seed.workspace.id };
}

async function refused(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error);
  }
}

describe("attribution.analytics", () => {
  it("counts clicks, unique visitors (bots excluded), Starts, sessions and conversion per link and channel", async () => {
    const ws = await workspace();
    const ad = await seedLink(ws.project, { name: "Spring ad", utmSource: "facebook", utmMedium: "cpc", utmCampaign: "spring" });
    const mail = await seedLink(ws.project, { name: "Newsletter", utmSource: "email", utmCampaign: "news" });
    const idle = await seedLink(ws.project, { name: "Unused" });
    const human = { device: "mobile", referrerHost: "facebook.com", clickedAt: ago(2 * 60 * MINUTE) };
    const [a1, a2, a3] = [
      await seedClick(ad, human),
      await seedClick(ad, human),
      await seedClick(ad, { ...human, device: "desktop" }),
    ];
    await seedClick(ad, { ...human, isUnique: false }); // the same visitor again within the window
    await seedClick(ad, { isBot: true, isUnique: true, referrerHost: null }); // a previewer, even if flagged unique
    await seedClick(ad, { isBot: true, isUnique: false, referrerHost: null });
    await seedClick(mail, { utmSource: "twitter", utmCampaign: null, device: "tablet" });
    // Another workspace's clicks never count here.
    const other = await workspace();
    await seedClick(await seedLink(other.project, { utmSource: "facebook" }));

    // Customer X starts through a1 and later a3 (same conversation); customer Y through a2.
    const x = newCustomer();
    const y = newCustomer();
    await deliverUnrouted(ws.seed, textUpdate(x, `/start ${a1.payload}`));
    await deliverUnrouted(ws.seed, textUpdate(y, `/start ${a2.payload}`));
    await deliverUnrouted(ws.seed, textUpdate(x, `/start ${a3.payload}`));

    const result = await ws.owner.attribution.analytics({ workspaceId: ws.workspaceId, range: "7d" });
    expect(result.totals).toEqual({ clicks: 7, uniques: 4, starts: 3, sessions: 2, conversionRate: 3 / 4 });
    expect(result.links.map((l) => [l.name, l.clicks, l.uniques, l.starts, l.sessions, l.conversionRate])).toEqual([
      ["Spring ad", 6, 3, 3, 2, 1],
      ["Newsletter", 1, 1, 0, 0, 0],
      ["Unused", 0, 0, 0, 0, null],
    ]);
    expect(result.links.find((l) => l.id === idle.id)).toMatchObject({ code: idle.code, deleted: false, paused: false });
    expect(result.channels).toEqual([
      { value: "facebook", clicks: 6, uniques: 3, starts: 3, sessions: 2, conversionRate: 1 },
      { value: "twitter", clicks: 1, uniques: 1, starts: 0, sessions: 0, conversionRate: 0 },
    ]);
    const byCampaign = await ws.owner.attribution.analytics({ workspaceId: ws.workspaceId, range: "7d", channel: "campaign" });
    expect(byCampaign.channels.map((c) => [c.value, c.clicks])).toEqual([
      ["spring", 6],
      [null, 1],
    ]);
    expect(result.devices.map((d) => [d.value, d.clicks, d.uniques])).toEqual([
      ["mobile", 3, 2],
      ["bot", 2, 0],
      ["desktop", 1, 1],
      ["tablet", 1, 1],
    ]);
    expect(result.referrers.map((r) => [r.value, r.clicks])).toEqual([
      ["facebook.com", 4],
      [null, 3],
    ]);
    expect(result.sources.map((s) => s.value)).toEqual(["facebook", "twitter"]);
    expect(result.range.bucket).toBe("day");
    expect(result.series.reduce((n, p) => n + p.clicks, 0)).toBe(7);
    expect(result.series.reduce((n, p) => n + p.starts, 0)).toBe(3);

    // One link: its own figures only, and the link's details.
    const one = await ws.owner.attribution.analytics({ workspaceId: ws.workspaceId, range: "24h", linkId: mail.id });
    expect(one.link).toMatchObject({ id: mail.id, name: "Newsletter", utmSource: "email" });
    expect(one.totals).toMatchObject({ clicks: 1, uniques: 1, starts: 0 });
    expect(one.links).toEqual([]);
    expect(one.range.bucket).toBe("hour");
    // A rolling 24 hours touches 25 clock hours (partial first and last).
    expect(one.series).toHaveLength(25);
  });

  it("keeps to the range: preset windows and whole days in the viewer's time zone", async () => {
    const ws = await workspace();
    const link = await seedLink(ws.project);
    await seedClick(link, { clickedAt: ago(7 * DAY - MINUTE) });
    await seedClick(link, { clickedAt: ago(7 * DAY + MINUTE) });
    await seedClick(link, { clickedAt: ago(29 * DAY) });
    await seedClick(link, { clickedAt: ago(31 * DAY) });

    const total = async (input: Record<string, string>) =>
      (await ws.owner.attribution.analytics({ workspaceId: ws.workspaceId, ...input })).totals.clicks;
    expect(await total({ range: "24h" })).toBe(0);
    expect(await total({ range: "7d" })).toBe(1);
    expect(await total({ range: "30d" })).toBe(3);

    // 10 January in Tokyo (UTC+9) runs from 9 January 15:00 to 10 January 15:00 UTC.
    for (const at of ["2026-01-09T14:59:59Z", "2026-01-09T15:00:00Z", "2026-01-10T14:59:59Z", "2026-01-10T15:00:00Z"]) {
      await seedClick(link, { clickedAt: new Date(at) });
    }
    const tokyo = await ws.owner.attribution.analytics({
      workspaceId: ws.workspaceId,
      range: "custom",
      from: "2026-01-10",
      to: "2026-01-10",
      timeZone: "Asia/Tokyo",
    });
    expect(tokyo.totals.clicks).toBe(2);
    expect(tokyo.range).toMatchObject({
      from: new Date("2026-01-09T15:00:00Z"),
      to: new Date("2026-01-10T15:00:00Z"),
      bucket: "hour",
    });
    expect(tokyo.series).toHaveLength(24);
    expect(tokyo.series[0]).toMatchObject({ bucket: "2026-01-10T00:00", clicks: 1 });
    expect(tokyo.series[23]).toMatchObject({ bucket: "2026-01-10T23:00", clicks: 1 });

    const utcDays = await ws.owner.attribution.analytics({
      workspaceId: ws.workspaceId,
      range: "custom",
      from: "2026-01-09",
      to: "2026-01-12",
    });
    expect(utcDays.range.bucket).toBe("day");
    expect(utcDays.series.map((p) => [p.bucket, p.clicks])).toEqual([
      ["2026-01-09T00:00", 2],
      ["2026-01-10T00:00", 2],
      ["2026-01-11T00:00", 0],
      ["2026-01-12T00:00", 0],
    ]);
  });

  it("refuses bad ranges with a message for the field", async () => {
    const ws = await workspace();
    const base = { workspaceId: ws.workspaceId, range: "custom" as const };
    expect(await refused(ws.owner.attribution.analytics(base))).toMatch(/^BAD_REQUEST: Choose the first day/);
    expect(await refused(ws.owner.attribution.analytics({ ...base, from: "2026-02-02", to: "2026-02-01" }))).toMatch(
      /must not be before the first/,
    );
    expect(await refused(ws.owner.attribution.analytics({ ...base, from: "2024-01-01", to: "2025-06-01" }))).toMatch(
      /at most 366 days/,
    );
    expect(await refused(ws.owner.attribution.analytics({ workspaceId: ws.workspaceId, timeZone: "Mars/Olympus" }))).toMatch(
      /Unknown time zone/,
    );
  });

  it("is for owners, admins and marketers, and only for the workspace's own links", async () => {
    const ws = await workspace();
    const marketer = callerFor(await addMember(ws.workspaceId, "marketer"));
    const agent = callerFor(await addMember(ws.workspaceId, "agent"));
    const supervisor = callerFor(await addMember(ws.workspaceId, "supervisor"));
    expect(await refused(marketer.attribution.analytics({ workspaceId: ws.workspaceId }))).toBe("OK");
    expect(await refused(agent.attribution.analytics({ workspaceId: ws.workspaceId }))).toMatch(
      /^FORBIDDEN: Only owners, admins and marketers/,
    );
    expect(await refused(supervisor.attribution.analytics({ workspaceId: ws.workspaceId }))).toMatch(/^FORBIDDEN/);

    const other = await workspace();
    const foreign = await seedLink(other.project);
    await seedClick(foreign);
    expect(await refused(ws.owner.attribution.analytics({ workspaceId: ws.workspaceId, linkId: foreign.id }))).toBe(
      "NOT_FOUND: Link not found.",
    );
  });
});

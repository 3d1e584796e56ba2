import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { messages, riskGroups, riskTriggers, skillGroupMembers, skillGroups, workspaces } from "@/db/schema";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { addMember, placeSession, seedConversation } from "@/server/inbox/test-fixtures";
import type { RiskStop } from "@/server/risk/check-agent-reply";
import { exportRiskTriggers } from "@/server/risk/export-triggers";
import { forgetRiskMatchers } from "@/server/risk/project-matcher";
import { callerFor, signedUpUser } from "@/server/testing/callers";
import { seedConnectedProject } from "@/server/testing/seed-bot";

const WALLET = "TJYeasTPa6gpEEfYk2Fo9PJtL1FZm2Z5fQ";

async function workspaceWithGroups() {
  const seeded = await seedConnectedProject();
  const workspaceId = seeded.workspace.id;
  const owner = callerFor(seeded.owner.id);
  const agentId = await addMember(workspaceId, "agent", "Bea Agent");
  const agent = callerFor(agentId);
  const { session } = await seedConversation({ id: seeded.project.id, workspaceId });
  await placeSession(session.id, agentId, { accepted: true });
  await owner.risk.createGroup({ workspaceId, name: "Wallets", action: "block", keywords: [WALLET], allProjects: true });
  await owner.risk.createGroup({
    workspaceId,
    name: "Sensitive words",
    action: "confirm",
    keywords: ["private chat", "Transfer"],
    allProjects: false,
    projectIds: [seeded.project.id],
  });
  return { ...seeded, workspaceId, ownerId: seeded.owner.id, owner, agent, agentId, session };
}

/** The risk stop a reply was refused with (the tRPC error carries it for the console). */
async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string; risk: RiskStop }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) {
      const cause = error.cause as { details?: { risk?: RiskStop } } | undefined;
      return { code: error.code, message: error.message, risk: cause!.details!.risk! };
    }
    throw error;
  }
  throw new Error("the reply was sent");
}

const recordsOf = (checkId: string) =>
  database().select().from(riskTriggers).where(eq(riskTriggers.checkId, checkId)).orderBy(riskTriggers.id);
const agentMessages = (sessionId: string) =>
  database()
    .select({ id: messages.id, text: messages.text })
    .from(messages)
    .where(and(eq(messages.sessionId, sessionId), eq(messages.author, "agent")));

describe("checking agent replies", () => {
  it("blocks a blocked word: nothing queued, the agent sees the word and the group, one blocked record per hit", async () => {
    const ws = await workspaceWithGroups();
    const text = `Please send the USDT to ${WALLET} and tell me in private chat`;
    const stop = await refusal(ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text }));
    expect(stop.code).toBe("FORBIDDEN");
    expect(stop.message).toContain(WALLET);
    expect(stop.message).toContain('"Wallets"');
    expect(stop.risk.status).toBe("blocked");
    expect(await agentMessages(ws.session.id)).toEqual([]);

    const records = await recordsOf(stop.risk.checkId);
    expect(records.map((r) => [r.groupName, r.matched, r.action, r.outcome])).toEqual([
      ["Wallets", WALLET, "block", "blocked"],
      ["Sensitive words", "private chat", "confirm", "blocked"],
    ]);
    expect(records[0]).toMatchObject({
      workspaceId: ws.workspaceId,
      projectId: ws.project.id,
      sessionId: ws.session.id,
      agentUserId: ws.agentId,
      matchKind: "keyword",
      matchedText: WALLET,
      messageId: null,
    });
    expect(records[0]!.excerpt).toBe(text);
    expect(records[1]!.excerpt).toBe("…gpEEfYk2Fo9PJtL1FZm2Z5fQ and tell me in private chat");
    expect(records[0]!.decidedAt).toBeInstanceOf(Date);
  });

  it("answers a check that runs out of time as a hit to confirm, records it, and sends once confirmed", async () => {
    const ws = await workspaceWithGroups();
    // A pattern saved before save-time limits existed: slow on this reply, past any budget.
    await database()
      .insert(riskGroups)
      .values({ workspaceId: ws.workspaceId, name: "Old slow rule", patterns: ["(\\w{1,100}){10}"], allProjects: true });
    await eventBus().publish({ type: "risk.groups_changed", workspaceId: ws.workspaceId });
    const text = `${"a".repeat(4000)} ok`;
    const started = performance.now();
    const stop = await refusal(ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(stop.code).toBe("CONFLICT");
    expect(stop.message).toContain("could not finish reading in time");
    expect(stop.risk).toMatchObject({ status: "needs_confirmation", hits: [{ matchKind: "time_limit", action: "confirm" }] });
    expect(await recordsOf(stop.risk.checkId)).toMatchObject([{ matchKind: "time_limit", groupId: null, outcome: "pending" }]);
    expect(await agentMessages(ws.session.id)).toEqual([]);

    const { messageId } = await ws.agent.inbox.reply({
      workspaceId: ws.workspaceId,
      sessionId: ws.session.id,
      text,
      confirmCheckId: stop.risk.checkId,
    });
    expect(await agentMessages(ws.session.id)).toEqual([{ id: messageId, text }]);
    expect(await recordsOf(stop.risk.checkId)).toMatchObject([{ outcome: "sent_after_confirmation", messageId }]);
  });

  it("refuses a pattern that would make checks slow when it is saved, naming the limit", async () => {
    const ws = await workspaceWithGroups();
    await expect(
      ws.owner.risk.createGroup({
        workspaceId: ws.workspaceId,
        name: "Slow",
        action: "confirm",
        patterns: ["(.*a){20}"],
        allProjects: true,
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/repeats a part that already repeats without limit 20 times/),
    });
  });

  it("limits pre-checks per member while typing", async () => {
    const ws = await workspaceWithGroups();
    const precheck = () => ws.agent.risk.precheck({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text: "hello" });
    for (let i = 0; i < 90; i++) await precheck();
    await expect(precheck()).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Too many checks while typing/),
    });
    // Another member of the workspace is not held back.
    await expect(
      ws.owner.risk.precheck({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text: "hello" }),
    ).resolves.toBeDefined();
  });

  it("asks to confirm; confirming re-checks the same text, sends it once and settles the records with the message", async () => {
    const ws = await workspaceWithGroups();
    const text = "We can TRANSFER it today";
    const stop = await refusal(ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text }));
    expect(stop.code).toBe("CONFLICT");
    expect(stop.risk).toMatchObject({
      status: "needs_confirmation",
      hits: [{ groupName: "Sensitive words", matchedText: "TRANSFER" }],
    });
    expect(await agentMessages(ws.session.id)).toEqual([]);
    expect((await recordsOf(stop.risk.checkId)).map((r) => r.outcome)).toEqual(["pending"]);

    // Another text cannot ride on this confirmation: it is checked afresh (a new check, the old one stays open).
    const other = await refusal(
      ws.agent.inbox.reply({
        workspaceId: ws.workspaceId,
        sessionId: ws.session.id,
        text: "transfer it in private chat",
        confirmCheckId: stop.risk.checkId,
      }),
    );
    expect(other.risk.checkId).not.toBe(stop.risk.checkId);

    const received: BusEvent[] = [];
    const off = eventBus().subscribe((e) => received.push(e));
    const { messageId } = await ws.agent.inbox.reply({
      workspaceId: ws.workspaceId,
      sessionId: ws.session.id,
      text,
      confirmCheckId: stop.risk.checkId,
    });
    off();
    expect(await agentMessages(ws.session.id)).toEqual([{ id: messageId, text }]);
    expect(received).toContainEqual({ type: "outbox.queued", messageId });
    const [record] = await recordsOf(stop.risk.checkId);
    expect(record).toMatchObject({ outcome: "sent_after_confirmation", messageId });
    expect(record!.decidedAt).toBeInstanceOf(Date);

    // A confirmation is used once.
    await expect(
      ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text, confirmCheckId: stop.risk.checkId }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/no longer open/) });
  });

  it("cancelling settles the pending records as cancelled, and only the agent's own", async () => {
    const ws = await workspaceWithGroups();
    const stop = await refusal(
      ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text: "a private chat?" }),
    );
    await expect(ws.owner.risk.cancel({ workspaceId: ws.workspaceId, checkId: stop.risk.checkId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await ws.agent.risk.cancel({ workspaceId: ws.workspaceId, checkId: stop.risk.checkId })).toEqual({ cancelled: 1 });
    expect((await recordsOf(stop.risk.checkId)).map((r) => r.outcome)).toEqual(["cancelled"]);
    await expect(
      ws.agent.inbox.reply({
        workspaceId: ws.workspaceId,
        sessionId: ws.session.id,
        text: "a private chat?",
        confirmCheckId: stop.risk.checkId,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/no longer open/) });
    expect(await agentMessages(ws.session.id)).toEqual([]);
  });

  it("never lets a record be edited, only a pending outcome be decided", async () => {
    const ws = await workspaceWithGroups();
    const stop = await refusal(ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text: WALLET }));
    const [record] = await recordsOf(stop.risk.checkId);
    const refused = async (statement: ReturnType<typeof sql>) => {
      const error = await database()
        .execute(statement)
        .then(
          () => null,
          (e: Error & { cause?: Error }) => e,
        );
      return error?.cause?.message ?? error?.message;
    };
    expect(await refused(sql`update risk_triggers set excerpt = 'nothing here' where id = ${record!.id}`)).toMatch(
      /cannot be changed/,
    );
    expect(await refused(sql`update risk_triggers set outcome = 'sent_after_confirmation' where id = ${record!.id}`)).toMatch(
      /cannot be changed/,
    );
    expect((await recordsOf(stop.risk.checkId))[0]).toMatchObject({ excerpt: WALLET, outcome: "blocked" });
  });

  it("sends clean text, exempts members and skill groups, and never checks a project the group does not apply to", async () => {
    const ws = await workspaceWithGroups();
    await ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text: "All good, it ships today." });

    const [team] = await database().insert(skillGroups).values({ workspaceId: ws.workspaceId, name: "Finance" }).returning();
    await database()
      .insert(skillGroupMembers)
      .values({ workspaceId: ws.workspaceId, skillGroupId: team!.id, userId: ws.agentId });
    const { groups } = await ws.owner.risk.overview({ workspaceId: ws.workspaceId });
    const words = await ws.owner.risk.group({
      workspaceId: ws.workspaceId,
      groupId: groups.find((g) => g.name === "Sensitive words")!.id,
    });
    await ws.owner.risk.updateGroup({
      workspaceId: ws.workspaceId,
      ...words,
      groupId: words.id,
      exemptSkillGroupIds: [team!.id],
    });
    await ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text: "transfer via private chat" });
    // The block group still applies to the exempt agent.
    await refusal(ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text: WALLET }));
    expect((await agentMessages(ws.session.id)).map((m) => m.text)).toEqual([
      "All good, it ships today.",
      "transfer via private chat",
    ]);
  });

  it("keeps the compiled matcher until risk.groups_changed arrives, as from another instance", async () => {
    const ws = await workspaceWithGroups();
    const precheck = async (text: string) =>
      (await ws.agent.risk.precheck({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text })).hits.map((h) => h.matched);
    expect(await precheck("meet on telegram")).toEqual([]);
    // Another instance changed the group: this one only hears of it through the bus.
    await database()
      .update(riskGroups)
      .set({ keywords: ["telegram"] })
      .where(and(eq(riskGroups.workspaceId, ws.workspaceId), eq(riskGroups.name, "Wallets")));
    expect(await precheck("meet on telegram")).toEqual([]);
    await eventBus().publish({ type: "risk.groups_changed", workspaceId: ws.workspaceId });
    expect(await precheck("meet on telegram")).toEqual(["telegram"]);
  });

  it("pre-checks a draft without writing records", async () => {
    const ws = await workspaceWithGroups();
    const { hits } = await ws.agent.risk.precheck({
      workspaceId: ws.workspaceId,
      sessionId: ws.session.id,
      text: `to ${WALLET}`,
    });
    expect(hits).toEqual([
      { groupName: "Wallets", action: "block", matchKind: "keyword", matched: WALLET, matchedText: WALLET, start: 3, end: 37 },
    ]);
    const count = await database()
      .select({ n: sql<number>`count(*)::int` })
      .from(riskTriggers)
      .where(eq(riskTriggers.workspaceId, ws.workspaceId));
    expect(count[0]!.n).toBe(0);
  });

  it("runs no checks and refuses changes on a plan without content risk control", async () => {
    const ws = await workspaceWithGroups();
    await database().update(workspaces).set({ plan: "standard" }).where(eq(workspaces.id, ws.workspaceId));
    await database().execute(
      sql`insert into subscriptions (workspace_id, plan, seats, period_start, period_end) values (${ws.workspaceId}, 'standard', 3, now(), now() + interval '30 days')`,
    );
    // The plan has no event: drop the cached matcher as a group change would.
    forgetRiskMatchers(ws.workspaceId);

    await ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text: `pay ${WALLET}` });
    expect((await agentMessages(ws.session.id)).length).toBe(1);
    const overview = await ws.owner.risk.overview({ workspaceId: ws.workspaceId });
    expect(overview.included).toBe(false);
    expect(overview.upgradeMessage).toMatch(/not included in your Standard plan\. Choose Pro in Settings → Plan/);
    await expect(
      ws.owner.risk.createGroup({ workspaceId: ws.workspaceId, name: "More", action: "block", keywords: ["x"] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Choose Pro in Settings → Plan/) });
    await expect(ws.owner.risk.createCryptoTemplate({ workspaceId: ws.workspaceId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("risk word groups", () => {
  it("refuses invalid patterns and ids of another workspace with the reason and the field", async () => {
    const a = await signedUpUser("risk-a");
    const b = await seedConnectedProject();
    const base = { workspaceId: a.workspace.id, name: "G", action: "block" as const };
    await expect(a.caller.risk.createGroup({ ...base, patterns: ["(\\w+)\\1"] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/backreferences/),
    });
    await expect(
      a.caller.risk.createGroup({ ...base, keywords: ["x"], allProjects: false, projectIds: [b.project.id] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "One of the chosen projects is not in this workspace." });
    await expect(a.caller.risk.createGroup({ ...base, keywords: ["x"], exemptUserIds: [b.owner.id] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(a.caller.risk.createGroup({ ...base })).rejects.toMatchObject({
      message: "Add at least one keyword or pattern.",
    });
  });

  it("creates the crypto template in one click, announces every change, and only owners and admins change groups", async () => {
    const a = await signedUpUser("risk-template");
    const received: BusEvent[] = [];
    const off = eventBus().subscribe((e) => received.push(e));
    const { id } = await a.caller.risk.createCryptoTemplate({ workspaceId: a.workspace.id });
    await a.caller.risk.setEnabled({ workspaceId: a.workspace.id, groupId: id, enabled: false });
    await a.caller.risk.deleteGroup({ workspaceId: a.workspace.id, groupId: id });
    off();
    const changes = received.filter((e) => e.type === "risk.groups_changed" && e.workspaceId === a.workspace.id);
    expect(changes).toHaveLength(3);

    const { id: again } = await a.caller.risk.createCryptoTemplate({ workspaceId: a.workspace.id });
    const group = await a.caller.risk.group({ workspaceId: a.workspace.id, groupId: again });
    expect(group).toMatchObject({ name: "Crypto addresses", allProjects: true, enabled: true });
    expect(group.patterns).toHaveLength(4);

    const supervisor = callerFor(await addMember(a.workspace.id, "supervisor"));
    expect((await supervisor.risk.overview({ workspaceId: a.workspace.id })).groups).toHaveLength(1);
    await expect(supervisor.risk.deleteGroup({ workspaceId: a.workspace.id, groupId: again })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const agent = callerFor(await addMember(a.workspace.id, "agent"));
    await expect(agent.risk.overview({ workspaceId: a.workspace.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("keeps tenants apart: workspace B never sees or changes A's groups or triggers", async () => {
    const a = await workspaceWithGroups();
    await refusal(a.agent.inbox.reply({ workspaceId: a.workspaceId, sessionId: a.session.id, text: WALLET }));
    const b = await signedUpUser("risk-tenant-b");
    const { groups } = await a.owner.risk.overview({ workspaceId: a.workspaceId });
    const groupId = groups[0]!.id;

    expect((await b.caller.risk.overview({ workspaceId: b.workspace.id })).groups).toEqual([]);
    expect((await b.caller.risk.triggers({ workspaceId: b.workspace.id })).items).toEqual([]);
    await expect(b.caller.risk.group({ workspaceId: b.workspace.id, groupId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.caller.risk.deleteGroup({ workspaceId: b.workspace.id, groupId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(b.caller.risk.triggers({ workspaceId: a.workspaceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // B's agent cannot pre-check against A's session either.
    await expect(
      b.caller.risk.precheck({ workspaceId: b.workspace.id, sessionId: a.session.id, text: WALLET }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await a.owner.risk.triggers({ workspaceId: a.workspaceId })).items).toHaveLength(1);
  });
});

describe("Risk triggers audit", () => {
  it("filters by agent, project, group, word, outcome and time, pages, and exports the same set as safe CSV", async () => {
    const ws = await workspaceWithGroups();
    const reply = (text: string) =>
      refusal(ws.agent.inbox.reply({ workspaceId: ws.workspaceId, sessionId: ws.session.id, text }));
    await reply(WALLET);
    const confirm = await reply("=HYPERLINK(transfer)");
    await ws.agent.risk.cancel({ workspaceId: ws.workspaceId, checkId: confirm.risk.checkId });
    await reply("private chat please");

    const list = (filters: Record<string, unknown>, page?: { limit: number; cursor?: number }) =>
      ws.owner.risk.triggers({ workspaceId: ws.workspaceId, filters, ...page });
    expect((await list({})).items.map((r) => r.outcome)).toEqual(["pending", "cancelled", "blocked"]);
    expect((await list({ outcome: "cancelled" })).items.map((r) => r.matched)).toEqual(["Transfer"]);
    expect((await list({ word: "TJYeas" })).items).toHaveLength(1);
    expect((await list({ word: "%" })).items).toHaveLength(0);
    expect((await list({ group: "Sensitive words" })).items).toHaveLength(2);
    expect((await list({ agentId: ws.agentId, projectId: ws.project.id })).items).toHaveLength(3);
    expect((await list({ agentId: ws.ownerId })).items).toHaveLength(0);
    expect((await list({ from: new Date(Date.now() + 60_000) })).items).toHaveLength(0);
    const first = await list({}, { limit: 2 });
    const second = await list({}, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((r) => r.outcome)).toEqual(["pending", "cancelled", "blocked"]);
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]).toMatchObject({ agentName: "Bea Agent", projectName: ws.project.name, customer: "Ada Lovelace" });

    const url = `http://localhost/api/audit/risk-triggers?workspaceId=${ws.workspaceId}&group=Sensitive%20words`;
    const asAgent = await exportRiskTriggers(new Request(url), { db: database(), userId: ws.agentId });
    expect(asAgent.status).toBe(403);
    const response = await exportRiskTriggers(new Request(url), { db: database(), userId: ws.ownerId, pageSize: 1 });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()).split("\r\n");
    expect(lines[0]).toMatch(/^\uFEFFTime \(UTC\),Agent,Project,/);
    expect(lines).toHaveLength(4); // header, two records, the empty string after the last CRLF
    // A cell a spreadsheet would run as a formula gets a leading apostrophe.
    expect(lines[2]).toContain(",'=HYPERLINK(transfer),");
    expect(lines[2]).toContain(",Cancelled by the agent,");
    expect(lines[1]).toContain(",No decision,");
    const other = await signedUpUser("risk-csv-other");
    expect((await exportRiskTriggers(new Request(url), { db: database(), userId: other.userId })).status).toBe(404);
  });
});

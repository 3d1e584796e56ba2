import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { agentStatusLog, memberships, sessionLog, users } from "@/db/schema";
import { uniqueEmail } from "@/db/test-helpers";
import { callerFor } from "@/server/testing/callers";
import { addSession, seedDesk, type Desk } from "@/server/timers/test-fixtures";
import type { Role } from "@/server/workspaces/roles";
import { queryFromFilters, SESSION_LOG_KINDS, type SessionLogKind } from "./audit-filters";
import { csvCell, csvLine } from "@/lib/csv";
import { AGENT_STATUS_EXPORT, handleAuditExport, SESSION_LOG_EXPORT } from "./export-request";

async function person(desk: Desk, role: Role, name: string) {
  const [user] = await database()
    .insert(users)
    .values({ name, email: uniqueEmail(role) })
    .returning({ id: users.id });
  await database().insert(memberships).values({ workspaceId: desk.workspaceId, userId: user!.id, role });
  return user!.id;
}

type Entry = {
  kind: SessionLogKind;
  minutesAgo: number;
  actor?: string;
  from?: string;
  to?: string;
  reason?: string;
  rule?: string;
};

async function log(desk: Desk, sessionId: string, entry: Entry) {
  const [row] = await database()
    .insert(sessionLog)
    .values({
      workspaceId: desk.workspaceId,
      projectId: desk.projectId,
      sessionId,
      kind: entry.kind,
      at: sql`now() - make_interval(mins => ${entry.minutesAgo}::int)`,
      actorUserId: entry.actor ?? null,
      fromUserId: entry.from ?? null,
      toUserId: entry.to ?? null,
      rule: entry.rule ?? null,
      candidates: entry.rule ? 2 : null,
      reason: entry.reason ?? "",
    })
    .returning({ id: sessionLog.id });
  return row!.id;
}

async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  return "OK";
}

/** Reads a whole CSV response back into rows (RFC 4180 quoting). */
async function csvRows(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The UTF-8 byte order mark, so Excel reads names in any script correctly.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes); // drops the BOM
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

const exportUrl = (path: string, query: string) => new Request(`http://desk.test/api/audit/${path}?${query}`);

describe("session log audit", () => {
  let a: Desk;
  let b: Desk;
  let supervisor: string;
  let ann: string;
  let bob: string;
  let first: Awaited<ReturnType<typeof addSession>>;
  let second: Awaited<ReturnType<typeof addSession>>;
  let theirs: Awaited<ReturnType<typeof addSession>>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    [a, b] = await Promise.all([seedDesk(), seedDesk()]);
    supervisor = await person(a, "supervisor", "Sue Supervisor");
    ann = await person(a, "agent", "Ann Agent");
    bob = await person(a, "agent", "Bob Agent");
    first = await addSession(a);
    second = await addSession(a);
    theirs = await addSession(b);
    ids.queued = await log(a, first.id, { kind: "queued", minutesAgo: 50, rule: "online_first", reason: "No agent available" });
    ids.assigned = await log(a, first.id, { kind: "assigned", minutesAgo: 40, to: ann, rule: "online_first→round_robin" });
    ids.transferred = await log(a, first.id, {
      kind: "transferred",
      minutesAgo: 30,
      actor: ann,
      from: ann,
      to: bob,
      reason: 'Needs "billing", urgently\nsecond line',
    });
    ids.taken = await log(a, second.id, { kind: "taken_over", minutesAgo: 20, actor: supervisor, from: bob, to: supervisor });
    ids.escalated = await log(a, second.id, { kind: "escalated", minutesAgo: 10, reason: '=HYPERLINK("http://evil")' });
    ids.closed = await log(a, second.id, { kind: "closed", minutesAgo: 5, actor: supervisor });
    await log(b, theirs.id, { kind: "assigned", minutesAgo: 15, rule: "round_robin" });
    await database()
      .insert(agentStatusLog)
      .values([
        {
          workspaceId: a.workspaceId,
          userId: ann,
          fromStatus: "offline",
          toStatus: "available",
          cause: "manual",
          at: sql`now() - interval '45 minutes'`,
        },
        {
          workspaceId: a.workspaceId,
          userId: ann,
          fromStatus: "available",
          toStatus: "away",
          awayReason: "Lunch break",
          cause: "manual",
          at: sql`now() - interval '25 minutes'`,
        },
        {
          workspaceId: a.workspaceId,
          userId: bob,
          fromStatus: "available",
          toStatus: "offline",
          cause: "admin",
          actorUserId: supervisor,
          at: sql`now() - interval '15 minutes'`,
        },
        { workspaceId: b.workspaceId, userId: b.ownerId, fromStatus: "offline", toStatus: "available", cause: "manual" },
      ]);
  });

  const sup = () => callerFor(supervisor);
  const kindsOf = (items: Array<{ id: number }>) =>
    items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0] ?? "foreign");

  it("lists the workspace's log newest first, with who, from whom, to whom and why", async () => {
    const { items, nextCursor } = await sup().audit.sessionLog({ workspaceId: a.workspaceId });
    expect(kindsOf(items)).toEqual(["closed", "escalated", "taken", "transferred", "assigned", "queued"]);
    expect(nextCursor).toBeNull();
    expect(items.find((i) => i.id === ids.transferred)).toMatchObject({
      actorName: "Ann Agent",
      fromName: "Ann Agent",
      toName: "Bob Agent",
      customer: "Ada",
      sessionId: first.id,
    });
    expect(items.find((i) => i.id === ids.assigned)).toMatchObject({
      rule: "online_first→round_robin",
      candidates: 2,
      actorName: null,
    });
  });

  it("filters by project, agent (as actor, from or to), kind, session and time range", async () => {
    const w = a.workspaceId;
    const by = async (filters: Parameters<ReturnType<typeof sup>["audit"]["sessionLog"]>[0]["filters"]) =>
      kindsOf((await sup().audit.sessionLog({ workspaceId: w, filters })).items);
    expect(await by({ agentId: bob })).toEqual(["taken", "transferred"]);
    expect(await by({ agentId: ann })).toEqual(["transferred", "assigned"]);
    expect(await by({ kinds: ["assigned", "queued"] })).toEqual(["assigned", "queued"]);
    expect(await by({ sessionId: second.id })).toEqual(["closed", "escalated", "taken"]);
    expect(await by({ projectId: a.projectId, kinds: ["escalated"] })).toEqual(["escalated"]);
    const now = Date.now();
    expect(await by({ from: new Date(now - 35 * 60_000), to: new Date(now - 12 * 60_000) })).toEqual(["taken", "transferred"]);
    // Another workspace's ids match nothing here.
    expect(await by({ projectId: b.projectId })).toEqual([]);
    expect(await by({ sessionId: theirs.id })).toEqual([]);
    expect(
      await refusal(sup().audit.sessionLog({ workspaceId: w, filters: { from: new Date(now), to: new Date(now - 1000) } })),
    ).toBe("BAD_REQUEST");
  });

  it("pages without gaps or repeats", async () => {
    const seen: number[] = [];
    let cursor: number | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await sup().audit.sessionLog({ workspaceId: a.workspaceId, limit: 4, cursor });
      seen.push(...result.items.map((i) => i.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(kindsOf(seen.map((id) => ({ id })))).toEqual(["closed", "escalated", "taken", "transferred", "assigned", "queued"]);
  });

  it("shows agent status changes with cause and actor, filtered by agent and time", async () => {
    const all = await sup().audit.agentStatusLog({ workspaceId: a.workspaceId });
    expect(all.items.map((i) => [i.agentName, i.toStatus, i.cause, i.actorName])).toEqual([
      ["Bob Agent", "offline", "admin", "Sue Supervisor"],
      ["Ann Agent", "away", "manual", null],
      ["Ann Agent", "available", "manual", null],
    ]);
    const ann30 = await sup().audit.agentStatusLog({
      workspaceId: a.workspaceId,
      filters: { agentId: ann, from: new Date(Date.now() - 30 * 60_000) },
    });
    expect(ann30.items.map((i) => i.awayReason)).toEqual(["Lunch break"]);
    const foreign = await sup().audit.agentStatusLog({ workspaceId: a.workspaceId, filters: { agentId: b.ownerId } });
    expect(foreign.items).toEqual([]);
  });

  it("is for owners, admins and supervisors only", async () => {
    expect(await refusal(callerFor(ann).audit.sessionLog({ workspaceId: a.workspaceId }))).toBe("FORBIDDEN");
    expect(await refusal(callerFor(ann).audit.agentStatusLog({ workspaceId: a.workspaceId }))).toBe("FORBIDDEN");
    expect(await refusal(callerFor(a.ownerId).audit.sessionLog({ workspaceId: a.workspaceId }))).toBe("OK");
    const options = await sup().audit.filterOptions({ workspaceId: a.workspaceId });
    expect(options.projects.map((p) => p.id)).toEqual([a.projectId]);
    expect(options.people.map((p) => p.name)).toEqual(expect.arrayContaining(["Ann Agent", "Bob Agent", "Sue Supervisor"]));
  });

  it("exports the filtered set as CSV, escaped and safe to open in a spreadsheet", async () => {
    const query = queryFromFilters(a.workspaceId, { kinds: ["transferred", "escalated", "assigned"] });
    const response = await handleAuditExport(exportUrl("session-log", query), SESSION_LOG_EXPORT, {
      db: database(),
      userId: supervisor,
      pageSize: 2,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="session-log-.+\.csv"$/);
    const rows = await csvRows(response);
    expect(rows[0]).toEqual(SESSION_LOG_EXPORT.header);
    expect(rows.slice(1).map((r) => r[1])).toEqual(["Escalated", "Transferred", "Assigned"]);
    const [escalated, transferred, assigned] = rows.slice(1);
    expect(escalated![10]).toBe('\'=HYPERLINK("http://evil")');
    expect(escalated![5]).toBe("System");
    expect(transferred!.slice(3, 8)).toEqual([first.id, "Ada", "Ann Agent", "Ann Agent", "Bob Agent"]);
    expect(transferred![10]).toBe('Needs "billing", urgently\nsecond line');
    expect(assigned![8]).toMatch(/^Online first/);
    expect(new Date(assigned![0]!).getTime()).toBeLessThan(Date.now());
  });

  it("exports agent status changes, and refuses what the page would refuse", async () => {
    const ok = await handleAuditExport(
      exportUrl("session-log/agent-status", `workspaceId=${a.workspaceId}&agentId=${bob}`),
      AGENT_STATUS_EXPORT,
      { db: database(), userId: a.ownerId },
    );
    expect(await csvRows(ok)).toEqual([
      AGENT_STATUS_EXPORT.header,
      [expect.any(String), "Bob Agent", "Available", "Offline", "", "Set by a supervisor", "Sue Supervisor"],
    ]);

    const status = async (userId: string | null, query: string) =>
      (await handleAuditExport(exportUrl("session-log", query), SESSION_LOG_EXPORT, { db: database(), userId })).status;
    expect(await status(null, `workspaceId=${a.workspaceId}`)).toBe(401);
    expect(await status(supervisor, "workspaceId=nope")).toBe(400);
    expect(await status(supervisor, `workspaceId=${b.workspaceId}`)).toBe(404);
    expect(await status(ann, `workspaceId=${a.workspaceId}`)).toBe(403);
    expect(await status(supervisor, `workspaceId=${a.workspaceId}&kind=nonsense`)).toBe(400);
    expect(await status(supervisor, `workspaceId=${a.workspaceId}&from=yesterday`)).toBe(400);
    // A's supervisor naming B's session gets A's (empty) log, never B's rows.
    const foreign = await handleAuditExport(
      exportUrl("session-log", `workspaceId=${a.workspaceId}&sessionId=${theirs.id}`),
      SESSION_LOG_EXPORT,
      { db: database(), userId: supervisor },
    );
    expect(await csvRows(foreign)).toEqual([SESSION_LOG_EXPORT.header]);
  });
});

describe("csv cells", () => {
  it("quote what needs quoting and defuse formulas", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    for (const start of ["=", "+", "-", "@", "\t"]) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
    expect(csvCell(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05.678Z");
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("know every kind the migrated database's session log has, in its order", async () => {
    const rows = await database().execute<{ kind: string }>(sql`select unnest(enum_range(null::session_log_kind))::text as kind`);
    expect([...rows].map((row) => row.kind)).toEqual([...SESSION_LOG_KINDS]);
  });
});

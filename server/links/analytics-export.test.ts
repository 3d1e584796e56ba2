import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { csvCell } from "@/lib/csv";
import { addMember } from "@/server/inbox/test-fixtures";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { seedClick, seedLink } from "@/server/testing/seed-links";
import { exportLinkAnalytics } from "./analytics-export";
import { exportQuery } from "./analytics-filters";

/** A CSV parser per RFC 4180, to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

/** The body as sent: Response.text() would drop the byte-order mark. */
async function bodyOf(response: Response): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
}

function exportUrl(query: string) {
  return new URL(`http://localhost/api/links/export?${query}`);
}

describe("csvCell", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,b "c"')).toBe('"a,b ""c"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    for (const start of ["+1", "-1+1", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(start).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
  });
});

describe("GET /api/links/export", () => {
  it("exports what the page shows, escaped and formula-safe", async () => {
    const seed = await seedConnectedProject();
    const project = { id: seed.project.id, workspaceId: seed.workspace.id };
    const link = await seedLink(project, { name: '=cmd|"/c calc"!A1', utmSource: "news, letter", utmCampaign: "spring" });
    await seedClick(link, { referrerHost: "t.co", device: "mobile" });
    await seedClick(link, { utmSource: "@mention", device: "desktop" });

    const response = await exportLinkAnalytics(exportUrl(exportQuery(seed.workspace.id, { range: "7d", channel: "campaign" })), {
      db: database(),
      userId: seed.owner.id,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="deskgram-all-links-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const text = await bodyOf(response);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(["Breakdown", "Value", "Clicks", "Unique visitors", "Starts", "Sessions", "Conversion rate (%)"]);
    expect(rows[1]).toEqual(["Total", expect.stringMatching(/^All links, /), "2", "2", "0", "0", "0"]);
    expect(rows).toContainEqual(["Link", `'=cmd|"/c calc"!A1 (${link.code})`, "2", "2", "0", "0", "0"]);
    expect(rows).toContainEqual(["Channel (utm_campaign)", "spring", "2", "2", "0", "0", "0"]);
    expect(rows).toContainEqual(["Source (utm_source)", "news, letter", "1", "1", "0", "0", "0"]);
    expect(rows).toContainEqual(["Source (utm_source)", "'@mention", "1", "1", "0", "0", "0"]);
    expect(rows).toContainEqual(["Referrer", "t.co", "1", "1", "0", "0", "0"]);
    expect(rows).toContainEqual(["Referrer", "(direct or hidden)", "1", "1", "0", "0", "0"]);
    expect(rows.filter((r) => r[0] === "Day (UTC)")).toHaveLength(8);
    // No cell a spreadsheet would run.
    for (const row of rows) for (const cell of row.slice(0, 2)) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it("limits the export to one link of the workspace", async () => {
    const seed = await seedConnectedProject();
    const project = { id: seed.project.id, workspaceId: seed.workspace.id };
    const link = await seedLink(project, { name: "Only me" });
    await seedClick(link);
    await seedClick(await seedLink(project, { name: "Not me" }));
    const response = await exportLinkAnalytics(exportUrl(exportQuery(seed.workspace.id, { range: "24h", linkId: link.id })), {
      db: database(),
      userId: seed.owner.id,
    });
    const rows = parseCsv((await bodyOf(response)).slice(1));
    expect(rows[1]![1]).toMatch(new RegExp(`^Only me \\(${link.code}\\), `));
    expect(rows[1]![2]).toBe("1");
    expect(rows.some((r) => r[0] === "Link")).toBe(false);
    expect(response.headers.get("content-disposition")).toContain(`deskgram-${link.code}-`);
  });

  it("answers only the workspace's owners, admins and marketers, with the page's filter rules", async () => {
    const seed = await seedConnectedProject();
    const other = await seedConnectedProject();
    const foreignLink = await seedLink({ id: other.project.id, workspaceId: other.workspace.id });
    const agentId = await addMember(seed.workspace.id, "agent");
    const marketerId = await addMember(seed.workspace.id, "marketer");
    const call = async (userId: string | null, query: string) => {
      const response = await exportLinkAnalytics(exportUrl(query), { db: database(), userId });
      return [response.status, await response.text()] as const;
    };
    const own = exportQuery(seed.workspace.id, {});

    expect((await call(null, own))[0]).toBe(401);
    expect(await call(agentId, own)).toEqual([403, "Only owners, admins and marketers can work with diversion links."]);
    expect((await call(marketerId, own))[0]).toBe(200);
    expect(await call(seed.owner.id, exportQuery(other.workspace.id, {}))).toEqual([404, "Workspace not found."]);
    expect(await call(seed.owner.id, "workspaceId=not-a-uuid")).toEqual([404, "Workspace not found."]);
    expect(await call(seed.owner.id, exportQuery(seed.workspace.id, { linkId: foreignLink.id }))).toEqual([
      404,
      "Link not found.",
    ]);
    expect(await call(seed.owner.id, exportQuery(seed.workspace.id, { range: "custom", from: "2026-01-01" }))).toEqual([
      400,
      "Choose the last day of the range.",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { createKv } from "@/lib/kv";
import { uniquePrefix } from "@/lib/kv/test-fixtures";
import { handleCronSweep } from "./cron-request";
import { sweepOnce } from "./sweeper";
import { addSession, addTimer, seedDesk, sessionNow, timersOf } from "./test-fixtures";

const SECRET = "cron-secret-for-tests-0123456789";
const URL = "http://desk.test/api/cron/sweep";

function call(secret: string | undefined, init: RequestInit = {}, workspaceId?: string) {
  return handleCronSweep(new Request(URL, init), {
    db: database(),
    kv: createKv({ prefix: uniquePrefix("cron") }),
    secret,
    // Scoped to this test's workspace: other suites' timers in the shared database are not ours to fire.
    sweep: (db, kv) => sweepOnce(db, kv, { onlyWorkspaces: workspaceId ? [workspaceId] : [], log: () => {} }),
  });
}

describe("/api/cron/sweep", () => {
  it("does not exist while CRON_SECRET is unset", async () => {
    const response = await call(undefined, { headers: { authorization: `Bearer ${SECRET}` } });
    expect(response.status).toBe(404);
  });

  it("refuses a missing, wrong or differently long secret", async () => {
    for (const authorization of [
      null,
      "Bearer",
      `Bearer ${SECRET}x`,
      `Bearer ${SECRET.slice(1)}`,
      `Basic ${SECRET}`,
      "Bearer wrong",
    ]) {
      const response = await call(SECRET, { headers: authorization ? { authorization } : {} });
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("runs one sweep with the right secret, by GET or POST, and answers the counts", async () => {
    const desk = await seedDesk();
    const session = await addSession(desk);
    await addTimer(desk, "first_response", { sessionId: session.id });

    const response = await call(SECRET, { method: "POST", headers: { authorization: `Bearer ${SECRET}` } }, desk.workspaceId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ran: true, timers: { claimed: 1, acted: 1, stale: 0, failed: 0 } });
    expect((await sessionNow(session.id)).escalatedAt).not.toBeNull();
    expect(await timersOf(desk.workspaceId)).toEqual([]);

    const again = await call(SECRET, { headers: { authorization: `bearer ${SECRET}` } }, desk.workspaceId);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ran: true, timers: { claimed: 0 } });
  });
});

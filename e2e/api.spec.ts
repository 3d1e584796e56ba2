import { expect, test } from "./fixtures";

test.describe("the API over the wire", () => {
  test("refuses oversized and malformed bodies with a clear 4xx", async ({ request }) => {
    const huge = await request.post("/api/trpc/auth.signUp", { data: { json: { name: "x".repeat(2 * 1024 * 1024) } } });
    expect(huge.status()).toBe(413);
    expect(await huge.json()).toEqual({ error: "Request body is larger than 1048576 bytes." });

    const malformed = await request.post("/api/trpc/auth.signUp", {
      data: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status()).toBe(400);
  });

  test("answers 401 to a workspace call without a session", async ({ request }) => {
    const input = encodeURIComponent(JSON.stringify({ json: { workspaceId: "00000000-0000-4000-8000-000000000000" } }));
    const response = await request.get(`/api/trpc/plan.overview?input=${input}`);
    expect(response.status()).toBe(401);
  });

  test("reports health and sends security headers", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(await response.json()).toEqual({ ok: true, database: "ok", kv: "ok" });
    const page = await request.get("/");
    expect(page.headers()["x-frame-options"]).toBe("DENY");
    expect(page.headers()["x-content-type-options"]).toBe("nosniff");
    expect(page.headers()["x-powered-by"]).toBeUndefined();
  });
});

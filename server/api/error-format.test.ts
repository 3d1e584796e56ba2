import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { createMemoryKv } from "@/lib/kv/memory";
import { appRouter } from "./root";
import type { Context } from "./trpc";

/** Calls the router over HTTP, the way the browser does, with a context we control. */
async function call(path: string, input: unknown, ctx: Context) {
  const url = `http://test/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url),
    router: appRouter,
    createContext: () => ctx,
  });
  return { status: response.status, body: await response.text() };
}

describe("errors over the wire", () => {
  it("hide an unexpected failure's details behind a message a person can act on", async () => {
    const failing = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('relation "secret_internal_table" does not exist');
        },
      },
    );
    const ctx: Context = {
      db: failing as unknown as Database,
      kv: createMemoryKv("error-format"),
      userId: crypto.randomUUID(),
      ip: "x",
    };
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, body } = await call("plan.overview", { workspaceId: crypto.randomUUID() }, ctx);
    quiet.mockRestore();
    expect(status).toBe(500);
    expect(body).toContain("Something went wrong on our side. Try again in a moment.");
    expect(body).not.toContain("secret_internal_table");
  });

  it("keep a validation message and name its field", async () => {
    const ctx: Context = { db: {} as Database, kv: createMemoryKv("error-format"), userId: null, ip: "x" };
    const url = "http://test/api/trpc/auth.signUp";
    const req = new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { name: "A", email: "nope", password: "long enough 1", workspaceName: "Desk" } }),
    });
    const response = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => ctx });
    const body = (await response.json()) as {
      error: { json: { message: string; data: { fieldErrors: Record<string, string[]> } } };
    };
    expect(response.status).toBe(400);
    expect(body.error.json.message).toBe("Enter a valid email address.");
    expect(body.error.json.data.fieldErrors.email).toEqual(["Enter a valid email address."]);
  });
});

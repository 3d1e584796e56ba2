import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/trpc/[trpc]/route";
import { database } from "@/db/client";
import { workspaces } from "@/db/schema";
import { env } from "@/lib/env";
import { signedUpUser } from "@/server/testing/callers";

// Stands in for the session cookie a browser would attach, whichever site made it send the request.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/server/auth/session", () => ({
  currentUserId: async () => session.userId,
  currentViewer: async () => (session.userId ? { userId: session.userId, sessionId: null } : null),
}));

function rename(workspaceId: string, name: string, headers: Record<string, string>) {
  return POST(
    new Request(`${env().APP_URL}/api/trpc/workspace.rename`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ json: { workspaceId, name } }),
    }),
  );
}

async function nameOf(workspaceId: string) {
  const [row] = await database().select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.name;
}

describe("the tRPC route refuses cross-site mutations", () => {
  beforeEach(() => {
    session.userId = null;
  });

  it.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site", origin: "https://tenant.evil.example" }],
  ])("answers 403 to %s and changes nothing", async (_, headers) => {
    const owner = await signedUpUser("cross-site");
    session.userId = owner.userId;
    const response = await rename(owner.workspace.id, "Hijacked", headers);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Cross-site request refused\./);
    expect(await nameOf(owner.workspace.id)).toBe(owner.workspace.name);
  });

  it.each([
    ["our own page", { origin: new URL(env().APP_URL).origin, "sec-fetch-site": "same-origin" }],
    ["a client that sends neither header", {}],
  ])("runs the mutation for %s", async (_, headers) => {
    const owner = await signedUpUser("same-origin");
    session.userId = owner.userId;
    const response = await rename(owner.workspace.id, "Renamed Desk", headers);
    expect(response.status).toBe(200);
    expect(await nameOf(owner.workspace.id)).toBe("Renamed Desk");
  });
});

import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { signedUpUser } from "@/server/testing/callers";
import { createLocalBus } from "./bus";
import { handleEventsRequest } from "./events-request";

const request = (query: string, signal?: AbortSignal) => new Request(`http://localhost/api/events${query}`, { signal });

describe("GET /api/events", () => {
  it("answers 401 without a session", async () => {
    const response = await handleEventsRequest(request("?workspaceId=00000000-0000-4000-8000-000000000001"), {
      db: database(),
      userId: null,
    });
    expect(response.status).toBe(401);
  });

  it("answers 400 without a workspace id, and 404 for a workspace the caller is not a member of", async () => {
    const a = await signedUpUser("sse-a");
    const b = await signedUpUser("sse-b");
    expect((await handleEventsRequest(request(""), { db: database(), userId: a.userId })).status).toBe(400);
    const foreign = await handleEventsRequest(request(`?workspaceId=${b.workspace.id}`), { db: database(), userId: a.userId });
    expect(foreign.status).toBe(404);
  });

  it("streams the member's workspace events as text/event-stream", async () => {
    const a = await signedUpUser("sse-member");
    const bus = createLocalBus();
    const abort = new AbortController();
    const response = await handleEventsRequest(request(`?workspaceId=${a.workspace.id}`, abort.signal), {
      db: database(),
      userId: a.userId,
      bus,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const event = {
      type: "session.updated",
      workspaceId: a.workspace.id,
      sessionId: "00000000-0000-4000-8000-000000000003",
    } as const;
    await bus.publish(event);
    const reader = response.body!.getReader();
    let text = "";
    while (!text.includes("data:")) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    expect(text).toContain(`data: ${JSON.stringify(event)}\n\n`);
  });
});

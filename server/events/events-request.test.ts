import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { addMember } from "@/server/inbox/test-fixtures";
import { callerFor, signedUpUser } from "@/server/testing/callers";
import { createLocalBus, eventBus } from "./bus";
import { handleEventsRequest } from "./events-request";

const request = (query: string, signal?: AbortSignal) => new Request(`http://localhost/api/events${query}`, { signal });
const viewer = (userId: string, sessionId = "sign-in-1") => ({ userId, sessionId });

/** What the stream says until `marker` appears; the reader is released afterwards. */
async function readUntil(body: ReadableStream<Uint8Array>, marker: string): Promise<string> {
  const reader = body.getReader();
  let text = "";
  while (!text.includes(marker)) text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
  return text;
}

/** Everything the stream says until it ends (fails the test if it does not end within `ms`). */
async function readToEnd(body: ReadableStream<Uint8Array>, ms = 5_000): Promise<string> {
  const reader = body.getReader();
  const deadline = setTimeout(() => void reader.cancel(new Error("the stream did not end")), ms);
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  clearTimeout(deadline);
  if (!text.includes("access.ended")) throw new Error(`the stream ended without saying why: ${text}`);
  return text;
}

describe("GET /api/events", () => {
  it("answers 401 without a session", async () => {
    const response = await handleEventsRequest(request("?workspaceId=00000000-0000-4000-8000-000000000001"), {
      db: database(),
      viewer: null,
    });
    expect(response.status).toBe(401);
  });

  it("answers 400 without a workspace id, and 404 for a workspace the caller is not a member of", async () => {
    const a = await signedUpUser("sse-a");
    const b = await signedUpUser("sse-b");
    expect((await handleEventsRequest(request(""), { db: database(), viewer: viewer(a.userId) })).status).toBe(400);
    const foreign = await handleEventsRequest(request(`?workspaceId=${b.workspace.id}`), {
      db: database(),
      viewer: viewer(a.userId),
    });
    expect(foreign.status).toBe(404);
  });

  it("streams the member's workspace events as text/event-stream", async () => {
    const a = await signedUpUser("sse-member");
    const bus = createLocalBus();
    const abort = new AbortController();
    const response = await handleEventsRequest(request(`?workspaceId=${a.workspace.id}`, abort.signal), {
      db: database(),
      viewer: viewer(a.userId),
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
    const text = await readUntil(response.body!, "data:");
    abort.abort();
    expect(text).toContain(`data: ${JSON.stringify(event)}\n\n`);
  });

  it("closes the stream of a sign-in that is revoked, and only that one", async () => {
    const a = await signedUpUser("sse-revoked");
    const bus = createLocalBus();
    const open = (sessionId: string) =>
      handleEventsRequest(request(`?workspaceId=${a.workspace.id}`), {
        db: database(),
        viewer: viewer(a.userId, sessionId),
        bus,
      });
    const [revoked, other] = await Promise.all([open("sign-in-a"), open("sign-in-b")]);
    await bus.publish({ type: "access.session_revoked", sessionId: "sign-in-a" });
    expect(await readToEnd(revoked.body!)).toContain('data: {"type":"access.ended","reason":"signed_out"}');
    // The other sign-in still hears its workspace.
    const event = {
      type: "queue.updated",
      workspaceId: a.workspace.id,
      projectId: "00000000-0000-4000-8000-000000000009",
    } as const;
    await bus.publish(event);
    expect(await readUntil(other.body!, "queue.updated")).toContain(JSON.stringify(event));
  });

  it("closes a removed member's stream of that workspace as soon as they are removed", async () => {
    const owner = await signedUpUser("sse-remover");
    const agentId = await addMember(owner.workspace.id, "agent", "Removed agent");
    const stream = await handleEventsRequest(request(`?workspaceId=${owner.workspace.id}`), {
      db: database(),
      viewer: viewer(agentId),
      bus: eventBus(),
    });
    expect(stream.status).toBe(200);
    await callerFor(owner.userId).team.remove({ workspaceId: owner.workspace.id, userId: agentId });
    expect(await readToEnd(stream.body!)).toContain('data: {"type":"access.ended","reason":"removed"}');
    // And the next connection is refused.
    const again = await handleEventsRequest(request(`?workspaceId=${owner.workspace.id}`), {
      db: database(),
      viewer: viewer(agentId),
    });
    expect(again.status).toBe(404);
  });
});

import { z } from "zod";
import type { Database } from "@/db/client";
import { findMembership } from "@/server/workspaces/membership";
import type { EventBus } from "./bus";
import { consoleEventStream } from "./console-event-stream";

type Deps = { db: Database; viewer: { userId: string; sessionId: string | null } | null; bus?: EventBus; heartbeatMs?: number };

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** `GET /api/events?workspaceId=…`: the live events of a workspace the caller is a member of, as SSE. */
export async function handleEventsRequest(request: Request, { db, viewer, bus, heartbeatMs }: Deps): Promise<Response> {
  if (!viewer) return plain(401, "Sign in to receive live updates.");
  const workspaceId = z.uuid().safeParse(new URL(request.url).searchParams.get("workspaceId"));
  if (!workspaceId.success) return plain(400, "Add ?workspaceId= with the id of one of your workspaces.");
  // Not a member and no such workspace look the same, so ids cannot be probed.
  const membership = await findMembership(db, viewer.userId, { workspaceId: workspaceId.data });
  if (!membership) return plain(404, "Workspace not found.");
  const body = consoleEventStream({ workspaceId: workspaceId.data, viewer, signal: request.signal, bus, heartbeatMs });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream; X-Accel-Buffering does the same for nginx.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

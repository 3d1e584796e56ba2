import type { Database } from "@/db/client";
import { changeSession, waitingInQueue } from "./session-change";
import { takeForSelf } from "./take-for-self";

/** A supervisor takes over an agent's session themself (within their own capacity) and has it open at once. */
export async function takeOver(db: Database, input: { workspaceId: string; userId: string; sessionId: string }) {
  await changeSession(db, input, async (tx, { session }) => {
    if (session.assignedUserId === null) throw waitingInQueue("take it instead");
    const events = await takeForSelf(tx, input, session, { kind: "taken_over", reason: "Taken over by a supervisor" });
    return { events, wake: "workspace" };
  });
}

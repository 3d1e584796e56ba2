import { z } from "zod";
import { publishCommitted } from "@/server/events/bus";
import { getConversation } from "@/server/inbox/get-conversation";
import { listSessions } from "@/server/inbox/list-sessions";
import { replyTextSchema, replyToSession } from "@/server/inbox/reply";
import { INBOX_ROLES } from "@/server/inbox/roles";
import { retryFailedMessage } from "@/server/outbox/retry-failed";
import { createTRPCRouter, requireRole, workspaceProcedure, writableWorkspaceProcedure } from "../trpc";

const readInbox = workspaceProcedure.use(requireRole(...INBOX_ROLES));
const workInbox = writableWorkspaceProcedure.use(requireRole(...INBOX_ROLES));
const sessionId = z.uuid("Unknown conversation.");

export const inboxRouter = createTRPCRouter({
  /** The workspace's conversations, most recent activity first. */
  sessions: readInbox
    .input(z.object({ cursor: z.string().max(80).nullish(), limit: z.int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listSessions(ctx.db, ctx.workspace.id, { cursor: input.cursor, limit: input.limit })),

  /** One conversation: its newest messages, or all of them from `fromId` on (earlier pages on request). */
  conversation: readInbox
    .input(z.object({ sessionId, fromId: z.int().positive().optional() }))
    .query(({ ctx, input }) => getConversation(ctx.db, ctx.workspace.id, input.sessionId, input.fromId)),

  /** An agent's text reply; it is queued at once and sent by the outbox. An expired plan cannot reply. */
  reply: workInbox
    .input(z.object({ sessionId, text: replyTextSchema }))
    .mutation(({ ctx, input }) =>
      replyToSession(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, sessionId: input.sessionId, text: input.text }),
    ),

  /** Sends a failed reply again. */
  retry: workInbox.input(z.object({ messageId: z.int().positive("Unknown message.") })).mutation(async ({ ctx, input }) => {
    const events = await retryFailedMessage(ctx.db, ctx.workspace.id, input.messageId);
    await publishCommitted(events);
    return { messageId: input.messageId };
  }),
});

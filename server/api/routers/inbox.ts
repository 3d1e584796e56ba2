import { z } from "zod";
import { publishCommitted } from "@/server/events/bus";
import { allocationHistory } from "@/server/inbox/allocation-history";
import { assignToMember } from "@/server/inbox/assign-to-member";
import { closeReasonSchema, closeSession } from "@/server/inbox/close-session";
import { getConversation } from "@/server/inbox/get-conversation";
import { inboxTabs } from "@/server/inbox/inbox-tabs";
import { INBOX_VIEWS, listSessions } from "@/server/inbox/list-sessions";
import { markOpened } from "@/server/inbox/mark-opened";
import { pinSession } from "@/server/inbox/pin-session";
import { replyTextSchema, replyToSession } from "@/server/inbox/reply";
import { listSeatMembers } from "@/server/inbox/seat-members";
import { takeOver } from "@/server/inbox/take-over";
import { takeFromQueue } from "@/server/inbox/take-session";
import { transferNoteSchema, transferSession } from "@/server/inbox/transfer-session";
import { unassignSession } from "@/server/inbox/unassign-session";
import { retryFailedMessage } from "@/server/outbox/retry-failed";
import { createTRPCRouter, requirePermission } from "../trpc";

const readInbox = requirePermission("inbox.view");
const workInbox = requirePermission("inbox.work");
const superviseInbox = requirePermission("inbox.supervise");
const sessionId = z.uuid("Unknown conversation.");
const onSession = z.object({ sessionId });
const member = z.uuid("Pick a teammate.");

export const inboxRouter = createTRPCRouter({
  /** The tabs the viewer has (Mine, Queue, All with the permission), with live counts. */
  tabs: readInbox.query(({ ctx }) => inboxTabs(ctx.db, ctx.workspace.id, { userId: ctx.userId, role: ctx.role })),

  /** One tab of conversations (Mine and All by recent activity, Queue in queue order); without a view, all the viewer may see. */
  sessions: readInbox
    .input(
      z.object({
        view: z.enum(INBOX_VIEWS).optional(),
        cursor: z.string().max(80).nullish(),
        limit: z.int().min(1).max(100).default(50),
      }),
    )
    .query(({ ctx, input }) =>
      listSessions(
        ctx.db,
        ctx.workspace.id,
        { userId: ctx.userId, role: ctx.role },
        {
          view: input.view,
          cursor: input.cursor,
          limit: input.limit,
        },
      ),
    ),

  /** One conversation: its newest messages, or all of them from `fromId` on (earlier pages on request). */
  conversation: readInbox
    .input(z.object({ sessionId, fromId: z.int().positive().optional() }))
    .query(({ ctx, input }) =>
      getConversation(ctx.db, ctx.workspace.id, { userId: ctx.userId, role: ctx.role }, input.sessionId, input.fromId),
    ),

  /** The session's allocation history (session_log), oldest first. */
  allocationHistory: readInbox
    .input(onSession)
    .query(({ ctx, input }) => allocationHistory(ctx.db, ctx.workspace.id, ctx.userId, input.sessionId)),

  /** Teammates a session can go to, with status and load. */
  seatMembers: readInbox.query(({ ctx }) => listSeatMembers(ctx.db, ctx.workspace.id)),

  /** An agent's text reply; it is queued at once and sent by the outbox. An expired plan cannot reply. */
  reply: workInbox
    .input(z.object({ sessionId, text: replyTextSchema, confirmCheckId: z.uuid("Unknown check.").optional() }))
    .mutation(({ ctx, input }) =>
      replyToSession(ctx.db, {
        workspaceId: ctx.workspace.id,
        userId: ctx.userId,
        sessionId: input.sessionId,
        text: input.text,
        confirmCheckId: input.confirmCheckId,
      }),
    ),

  /** Sends a failed reply again. */
  retry: workInbox.input(z.object({ messageId: z.int().positive("Unknown message.") })).mutation(async ({ ctx, input }) => {
    const events = await retryFailedMessage(ctx.db, ctx.workspace.id, input.messageId);
    await publishCommitted(events);
    return { messageId: input.messageId };
  }),

  /** The assigned agent opened their session: it is accepted (no kick-out). Idempotent. */
  markOpened: workInbox
    .input(onSession)
    .mutation(({ ctx, input }) =>
      markOpened(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, sessionId: input.sessionId }),
    ),

  /** Takes a waiting session from the queue (within the caller's capacity). */
  take: workInbox.input(onSession).mutation(async ({ ctx, input }) => {
    await takeFromQueue(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, sessionId: input.sessionId });
  }),

  /** Supervisors: assigns a waiting session, or reassigns an assigned one, to a seat member. */
  assign: superviseInbox.input(z.object({ sessionId, toUserId: member })).mutation(async ({ ctx, input }) => {
    const { sessionId, toUserId } = input;
    await assignToMember(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, sessionId, toUserId });
  }),

  /** Supervisors: takes an agent's session over. */
  takeOver: superviseInbox.input(onSession).mutation(async ({ ctx, input }) => {
    await takeOver(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, sessionId: input.sessionId });
  }),

  /** Supervisors: puts an assigned session back in the queue. */
  unassign: superviseInbox.input(onSession).mutation(async ({ ctx, input }) => {
    await unassignSession(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, sessionId: input.sessionId });
  }),

  /** Hands a session to a teammate with an optional note (its agent with "may transfer", or a supervisor). */
  transfer: requirePermission("inbox.transfer")
    .input(z.object({ sessionId, toUserId: member, note: transferNoteSchema.default("") }))
    .mutation(async ({ ctx, input }) => {
      const { sessionId, toUserId, note } = input;
      await transferSession(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, sessionId, toUserId, note });
    }),

  /** Closes a session (its agent or a supervisor), with an optional note for the history. */
  close: workInbox.input(z.object({ sessionId, reason: closeReasonSchema.default("") })).mutation(async ({ ctx, input }) => {
    await closeSession(ctx.db, {
      workspaceId: ctx.workspace.id,
      userId: ctx.userId,
      sessionId: input.sessionId,
      reason: input.reason,
    });
  }),

  /** Pins or unpins a session (its agent). */
  pin: workInbox.input(z.object({ sessionId, pinned: z.boolean() })).mutation(async ({ ctx, input }) => {
    await pinSession(ctx.db, {
      workspaceId: ctx.workspace.id,
      userId: ctx.userId,
      sessionId: input.sessionId,
      pinned: input.pinned,
    });
  }),
});

import { z } from "zod";
import { loadAgentBoard } from "@/server/presence/agent-board";
import { addAwayReason, deleteAwayReason } from "@/server/presence/away-reasons";
import { recordHeartbeat } from "@/server/presence/heartbeat";
import { getAgentStatusSettings, setIdleTimeout } from "@/server/presence/idle-timeout-setting";
import { getMyStatus } from "@/server/presence/my-status";
import { setAgentStatus } from "@/server/routing/set-agent-status";
import { awayReasonLabelSchema, idleTimeoutMinutesSchema } from "@/server/presence/status-input";
import { listStatusLog } from "@/server/presence/status-log";
import { SELECTABLE_STATUSES } from "@/server/presence/status-rules";
import { createTRPCRouter, requirePermission } from "../trpc";

/** Monitoring (the board, the log, setting others' status): owners, admins and supervisors. */
const supervisorView = requirePermission("status.watch");
/** Settings → Agent status: owners and admins, on a plan that has not expired. */
const settingsChange = requirePermission("status.settings");

const statusChoice = z.object({
  status: z.enum(SELECTABLE_STATUSES, "Choose one of the statuses in the list."),
  awayReason: z.string().trim().max(60).nullish(),
});

export const presenceRouter = createTRPCRouter({
  /** The caller's own status for the header switcher, with the Away reasons to choose from. */
  me: requirePermission("workspace.view").query(({ ctx }) => getMyStatus(ctx.db, ctx.workspace.id, ctx.userId)),

  /** The header switcher: the caller sets their own status. */
  setMyStatus: requirePermission("status.own")
    .input(statusChoice)
    .mutation(({ ctx, input }) =>
      setAgentStatus(ctx.db, {
        workspaceId: ctx.workspace.id,
        actor: { userId: ctx.userId, role: ctx.role },
        userId: ctx.userId,
        to: input.status,
        awayReason: input.awayReason,
      }),
    ),

  /** Monitoring: a supervisor or admin sets a member's status (e.g. forces Offline); the log names them. */
  setAgentStatus: requirePermission("status.set_others")
    .input(statusChoice.extend({ userId: z.uuid("Choose an agent.") }))
    .mutation(({ ctx, input }) =>
      setAgentStatus(ctx.db, {
        workspaceId: ctx.workspace.id,
        actor: { userId: ctx.userId, role: ctx.role },
        userId: input.userId,
        to: input.status,
        awayReason: input.awayReason,
      }),
    ),

  /** Sent by every open console every 20 s and on focus; `active`: the person interacted since the last beat. */
  heartbeat: requirePermission("workspace.view")
    .input(z.object({ active: z.boolean().default(false) }))
    .mutation(({ ctx, input }) =>
      recordHeartbeat(ctx.db, ctx.kv, { workspaceId: ctx.workspace.id, userId: ctx.userId, active: input.active }),
    ),

  /** The agent status widget and the queue of each project. */
  board: supervisorView.query(({ ctx }) => loadAgentBoard(ctx.db, ctx.workspace.id)),

  /** The Agent Status Log, newest first, a page at a time. */
  statusLog: supervisorView
    .input(
      z.object({
        userId: z.uuid().optional(),
        /** The last entry id of the previous page. */
        cursor: z.number().int().positive().nullish(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listStatusLog(ctx.db, ctx.workspace.id, input)),

  /** Settings → Agent status (everyone may read what the switcher offers; owners and admins change it). */
  settings: requirePermission("workspace.view").query(({ ctx }) => getAgentStatusSettings(ctx.db, ctx.workspace.id)),

  setIdleTimeout: settingsChange
    .input(z.object({ minutes: idleTimeoutMinutesSchema }))
    .mutation(({ ctx, input }) => setIdleTimeout(ctx.db, { workspaceId: ctx.workspace.id, minutes: input.minutes })),

  addAwayReason: settingsChange
    .input(z.object({ label: awayReasonLabelSchema }))
    .mutation(({ ctx, input }) => addAwayReason(ctx.db, { workspaceId: ctx.workspace.id, label: input.label })),

  deleteAwayReason: settingsChange
    .input(z.object({ reasonId: z.uuid("Unknown reason.") }))
    .mutation(({ ctx, input }) => deleteAwayReason(ctx.db, { workspaceId: ctx.workspace.id, reasonId: input.reasonId })),
});

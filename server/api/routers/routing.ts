import { z } from "zod";
import { projectIdSchema } from "@/server/projects/project-input";
import { getRoutingSettings, listRoutingOverview } from "@/server/routing/get-routing-settings";
import { routingSettingsSchema } from "@/server/routing/routing-settings-input";
import { updateRoutingSettings } from "@/server/routing/update-routing-settings";
import { listOpenEscalations } from "@/server/timers/open-escalations";
import { createTRPCRouter, requirePermission } from "../trpc";

/** Supervisors read routing settings and hear escalations; owners and admins change settings. */
const readRouting = requirePermission("routing.view");
const editRouting = requirePermission("routing.manage");
const project = z.object({ projectId: projectIdSchema });

export const routingRouter = createTRPCRouter({
  /** Every live project's rule in brief, with its waiting queue. */
  overview: readRouting.query(({ ctx }) => listRoutingOverview(ctx.db, ctx.workspace.id)),

  /** One project's settings, the seat members who can be picked, and the skill groups. */
  settings: readRouting.input(project).query(({ ctx, input }) => getRoutingSettings(ctx.db, ctx.workspace.id, input.projectId)),

  /** Replaces one project's settings; its queue is woken afterwards. */
  update: editRouting
    .input(project.extend({ settings: routingSettingsSchema }))
    .mutation(({ ctx, input }) =>
      updateRoutingSettings(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId, settings: input.settings }),
    ),

  /** Sessions past their first-response threshold and still unanswered: the console's escalation notices. */
  escalations: readRouting.query(({ ctx }) => listOpenEscalations(ctx.db, ctx.workspace.id)),
});

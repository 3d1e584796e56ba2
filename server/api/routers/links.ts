import { z } from "zod";
import { createLink } from "@/server/links/create-link";
import { deleteLink } from "@/server/links/delete-link";
import { linkFormOptions } from "@/server/links/link-form-options";
import { linkCodeSchema, linkIdSchema, linkSettingsSchema } from "@/server/links/link-input";
import { listLinks } from "@/server/links/list-links";
import { setLinkPaused } from "@/server/links/set-link-paused";
import { updateLink } from "@/server/links/update-link";
import { createTRPCRouter, requirePermission } from "../trpc";

/** Diversion links are the marketers' (and owners' and admins'); supervisors and agents do not see them. */
const readProcedure = requirePermission("links.view");
const writeProcedure = requirePermission("links.manage");
const link = z.object({ linkId: linkIdSchema });

export const linksRouter = createTRPCRouter({
  /** Every link that is not deleted, newest first, with its short URL and counts. */
  list: readProcedure.query(({ ctx }) => listLinks(ctx.db, ctx.workspace.id)),

  /** Projects (with their bots) and skill groups a link can point at. */
  formOptions: readProcedure.query(({ ctx }) => linkFormOptions(ctx.db, ctx.workspace.id)),

  create: writeProcedure.input(linkSettingsSchema.extend({ code: linkCodeSchema })).mutation(({ ctx, input }) => {
    const { code, ...settings } = input;
    return createLink(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, plan: ctx.plan, code, settings });
  }),

  update: writeProcedure.input(linkSettingsSchema.extend(link.shape)).mutation(({ ctx, input }) => {
    const { linkId, ...settings } = input;
    return updateLink(ctx.db, { workspaceId: ctx.workspace.id, linkId, plan: ctx.plan, settings });
  }),

  setPaused: writeProcedure
    .input(link.extend({ paused: z.boolean() }))
    .mutation(({ ctx, input }) =>
      setLinkPaused(ctx.db, { workspaceId: ctx.workspace.id, linkId: input.linkId, plan: ctx.plan, paused: input.paused }),
    ),

  /** Soft: clicks and the code stay. */
  delete: writeProcedure
    .input(link)
    .mutation(({ ctx, input }) => deleteLink(ctx.db, { workspaceId: ctx.workspace.id, linkId: input.linkId })),
});

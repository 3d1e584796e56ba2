import { z } from "zod";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { listMemberships } from "@/server/workspaces/membership";
import { renameWorkspace } from "@/server/workspaces/rename-workspace";
import { workspaceNameSchema } from "@/server/workspaces/workspace-name";
import { createTRPCRouter, protectedProcedure, requirePermission } from "../trpc";

export const workspaceRouter = createTRPCRouter({
  /** Workspaces the caller belongs to, for the switcher. */
  list: protectedProcedure.query(async ({ ctx }) => {
    const rows = await listMemberships(ctx.db, ctx.userId);
    return rows.map((r) => ({ ...r.workspace, role: r.role }));
  }),

  /** Another workspace with the caller as owner, on its own Trial. */
  create: protectedProcedure.input(z.object({ name: workspaceNameSchema })).mutation(async ({ ctx, input }) => {
    const workspace = await ctx.db.transaction((tx) => createWorkspace(tx, { name: input.name, ownerId: ctx.userId }));
    return { id: workspace.id, slug: workspace.slug, name: workspace.name };
  }),

  get: requirePermission("workspace.view").query(({ ctx }) => ({ ...ctx.workspace, role: ctx.role })),

  rename: requirePermission("workspace.rename")
    .input(z.object({ name: workspaceNameSchema }))
    .mutation(({ ctx, input }) => renameWorkspace(ctx.db, ctx.workspace.id, input.name)),
});

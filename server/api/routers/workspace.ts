import { z } from "zod";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { listMemberships } from "@/server/workspaces/membership";
import { createTRPCRouter, protectedProcedure, workspaceProcedure } from "../trpc";

export const workspaceRouter = createTRPCRouter({
  /** Workspaces the caller belongs to, for the switcher. */
  list: protectedProcedure.query(async ({ ctx }) => {
    const rows = await listMemberships(ctx.db, ctx.userId);
    return rows.map((r) => ({ ...r.workspace, role: r.role }));
  }),

  /** Another workspace with the caller as owner, on its own Trial. */
  create: protectedProcedure
    .input(z.object({ name: z.string().trim().min(2, "Workspace name must be at least 2 characters.").max(60, "Workspace name must be at most 60 characters.") }))
    .mutation(async ({ ctx, input }) => {
      const workspace = await ctx.db.transaction((tx) => createWorkspace(tx, { name: input.name, ownerId: ctx.userId }));
      return { id: workspace.id, slug: workspace.slug, name: workspace.name };
    }),

  get: workspaceProcedure.query(({ ctx }) => ({ ...ctx.workspace, role: ctx.role })),
});

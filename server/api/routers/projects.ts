import { z } from "zod";
import { activateProject } from "@/server/telegram/activate-project";
import { archiveProject } from "@/server/telegram/archive-project";
import { createProject } from "@/server/projects/create-project";
import { deactivateProject } from "@/server/telegram/deactivate-project";
import { getProject } from "@/server/projects/get-project";
import { listProjects } from "@/server/projects/list-projects";
import { botTokenSchema, projectIdSchema, projectNameSchema, welcomeMessageSchema } from "@/server/projects/project-input";
import { renameProject } from "@/server/projects/rename-project";
import { setWelcomeMessage } from "@/server/projects/set-welcome-message";
import { connectBot } from "@/server/telegram/connect-bot";
import { disconnectBot } from "@/server/telegram/disconnect-bot";
import { rotateBotToken } from "@/server/telegram/rotate-bot-token";
import { announceLinksOf } from "@/server/links/announce-link-changed";
import { createTRPCRouter, requirePermission } from "../trpc";

/** Changes to projects and bots: owners and admins, on a plan that has not expired. */
const adminProcedure = requirePermission("projects.manage");
const project = z.object({ projectId: projectIdSchema });
/** Changes to a project's bot or state: the project's diversion links re-read their target on every instance. */
const botChange = adminProcedure.input(project).use(async ({ ctx, input, next }) => {
  const result = await next();
  if (result.ok) await announceLinksOf(ctx.db, { projectId: input.projectId });
  return result;
});

export const projectsRouter = createTRPCRouter({
  /** Live projects with status and bot @username; archived ones too when asked. */
  list: requirePermission("projects.view")
    .input(z.object({ includeArchived: z.boolean().optional() }))
    .query(({ ctx, input }) => listProjects(ctx.db, ctx.workspace.id, { includeArchived: input.includeArchived })),

  get: requirePermission("projects.view")
    .input(project)
    .query(({ ctx, input }) => getProject(ctx.db, ctx.workspace.id, input.projectId)),

  create: adminProcedure
    .input(z.object({ name: projectNameSchema }))
    .mutation(({ ctx, input }) => createProject(ctx.db, { workspaceId: ctx.workspace.id, name: input.name, plan: ctx.plan })),

  rename: adminProcedure
    .input(project.extend({ name: projectNameSchema }))
    .mutation(({ ctx, input }) =>
      renameProject(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId, name: input.name }),
    ),

  setWelcomeMessage: adminProcedure.input(project.extend({ welcomeMessage: welcomeMessageSchema })).mutation(({ ctx, input }) =>
    setWelcomeMessage(ctx.db, {
      workspaceId: ctx.workspace.id,
      projectId: input.projectId,
      welcomeMessage: input.welcomeMessage,
    }),
  ),

  /** Disconnects the bot first; sessions and messages stay. */
  archive: botChange.mutation(({ ctx, input }) =>
    archiveProject(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId }),
  ),

  deactivate: botChange.mutation(({ ctx, input }) =>
    deactivateProject(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId }),
  ),

  activate: botChange.mutation(({ ctx, input }) =>
    activateProject(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId }),
  ),

  /** Returns the bot's @username and name only: the token never leaves the server. */
  connectBot: botChange
    .input(z.object({ token: botTokenSchema }))
    .mutation(({ ctx, input }) =>
      connectBot(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId, token: input.token }),
    ),

  rotateBotToken: botChange
    .input(z.object({ token: botTokenSchema }))
    .mutation(({ ctx, input }) =>
      rotateBotToken(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId, token: input.token }),
    ),

  disconnectBot: botChange.mutation(({ ctx, input }) =>
    disconnectBot(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId }),
  ),
});

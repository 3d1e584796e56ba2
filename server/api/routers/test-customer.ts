import { z } from "zod";
import { env } from "@/lib/env";
import { DomainError } from "@/server/errors";
import {
  sendAsTestCustomer,
  testableProjects,
  testCustomerSchema,
  testCustomerTextSchema,
  testCustomerTranscript,
} from "@/server/inbox/test-customer";
import { createTRPCRouter, requirePermission } from "../trpc";

/** The Test customer writes through the Bot API sandbox; with real Telegram there is no one to write as. */
const withSandbox = requirePermission("inbox.sandbox").use(({ ctx, next }) => {
  const sandboxUrl = env().TELEGRAM_SANDBOX_URL;
  if (!sandboxUrl) throw new DomainError("forbidden", "The Test customer works only with the Bot API sandbox.");
  return next({ ctx: { ...ctx, sandboxUrl } });
});

const projectId = z.uuid("Choose a project.");

export const testCustomerRouter = createTRPCRouter({
  /** Whether the console offers the Test customer panel. */
  enabled: requirePermission("workspace.view").query(() => Boolean(env().TELEGRAM_SANDBOX_URL)),

  /** Projects with a connected bot, which a test customer can write to. */
  projects: withSandbox.query(({ ctx }) => testableProjects(ctx.db, ctx.workspace.id)),

  send: withSandbox
    .input(z.object({ projectId, customer: testCustomerSchema, text: testCustomerTextSchema }))
    .mutation(({ ctx, input }) => sendAsTestCustomer(ctx.db, ctx.sandboxUrl, ctx.workspace.id, input)),

  transcript: withSandbox
    .input(z.object({ projectId, customerId: testCustomerSchema.shape.id }))
    .query(({ ctx, input }) => testCustomerTranscript(ctx.db, ctx.sandboxUrl, ctx.workspace.id, input)),
});

import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Database } from "@/db/client";
import type { Kv } from "@/lib/kv/types";
import { DomainError, type DomainErrorKind } from "@/server/errors";
import type { Action, OpenAccess } from "@/lib/access/actions";
import { permission } from "@/lib/access/permission";
import { loadPlanState } from "@/server/plans/load-plan-state";
import type { RiskStop } from "@/server/risk/check-agent-reply";
import { findMembership } from "@/server/workspaces/membership";

export type Context = {
  db: Database;
  kv: Kv;
  userId: string | null;
  ip: string;
};

/**
 * What a procedure requires, declared on every one (server/api/tenant-isolation.test.ts fails for a
 * procedure without): an action of the access model (lib/access/actions.ts), or open access.
 */
export type ProcedureMeta = { action?: Action; open?: OpenAccess };

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      // Unexpected failures can carry SQL or stack details: those stay in the server log.
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: internal ? "Something went wrong on our side. Try again in a moment." : shape.message,
        // Validation errors carry one message per field so forms can show them in place.
        data: {
          ...shape.data,
          stack: internal ? undefined : shape.data.stack,
          fieldErrors: zod?.fieldErrors ?? null,
          field: (error.cause as DomainError | undefined)?.details?.field ?? null,
          // A reply stopped by content risk control: its hits, and the check to confirm or cancel.
          risk: ((error.cause as DomainError | undefined)?.details?.risk as RiskStop | undefined) ?? null,
        },
      };
    },
  });

const CODES: Record<DomainErrorKind, TRPCError["code"]> = {
  not_found: "NOT_FOUND",
  forbidden: "FORBIDDEN",
  conflict: "CONFLICT",
  invalid: "BAD_REQUEST",
  quota_exceeded: "FORBIDDEN",
  plan_expired: "FORBIDDEN",
  rate_limited: "TOO_MANY_REQUESTS",
  unauthenticated: "UNAUTHORIZED",
};

/** The one place where domain and validation errors become tRPC errors with a message a person can act on. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof DomainError) throw new TRPCError({ code: CODES[cause.kind], message: cause.message, cause });
  if (cause instanceof ZodError) {
    throw new TRPCError({ code: "BAD_REQUEST", message: cause.issues[0]?.message ?? "Invalid input.", cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not (sign-up, joining through an invitation). */
export const publicProcedure = t.procedure.use(mapDomainErrors).meta({ open: "public" });

/** A signed-in person, outside any workspace (their workspaces, accepting an invitation). */
export const protectedProcedure = t.procedure
  .use(mapDomainErrors)
  .meta({ open: "signed_in" })
  .use(({ ctx, next }) => {
    if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
    return next({ ctx: { ...ctx, userId: ctx.userId } });
  });

/**
 * Resolves the workspace named in the input, the caller's membership and the plan's state once,
 * before the rest of the input is even parsed; handlers get `ctx.workspace`, `ctx.role`,
 * `ctx.permissions` and `ctx.plan`. Not used alone: see requirePermission.
 */
const memberProcedure = t.procedure
  .use(mapDomainErrors)
  .use(({ ctx, next }) => {
    if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
    return next({ ctx: { ...ctx, userId: ctx.userId } });
  })
  .input(z.object({ workspaceId: z.uuid("Unknown workspace.") }))
  .use(async ({ ctx, input, next }) => {
    const membership = await findMembership(ctx.db, ctx.userId, { workspaceId: input.workspaceId });
    // Not a member and no such workspace look the same, so ids cannot be probed.
    if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Workspace not found." });
    const plan = await loadPlanState(ctx.db, membership.workspace);
    return next({
      ctx: { ...ctx, workspace: membership.workspace, role: membership.role, permissions: membership.permissions, plan },
    });
  });

const REFUSALS = { role: "forbidden", plan_expired: "plan_expired", feature: "forbidden" } as const;

/**
 * A workspace procedure for one action of the access model: the member's role, the plan's state
 * and features, and their permissions decide, and a refusal carries the model's one message.
 */
export function requirePermission(action: Action) {
  return memberProcedure.meta({ action }).use(({ ctx, next }) => {
    const answer = permission(action, { role: ctx.role, plan: ctx.plan, member: ctx.permissions });
    if (!answer.allowed) throw new DomainError(REFUSALS[answer.kind], answer.reason);
    return next();
  });
}

import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Database } from "@/db/client";
import type { Kv } from "@/lib/kv/types";
import { DomainError, type DomainErrorKind } from "@/server/errors";
import { loadPlanState } from "@/server/plans/load-plan-state";
import type { RiskStop } from "@/server/risk/check-agent-reply";
import { findMembership } from "@/server/workspaces/membership";
import type { Role } from "@/server/workspaces/roles";

export type Context = {
  db: Database;
  kv: Kv;
  userId: string | null;
  ip: string;
};

const t = initTRPC.context<Context>().create({
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

export const publicProcedure = t.procedure.use(mapDomainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

/**
 * Resolves the workspace named in the input and checks the caller's membership once, before the
 * rest of the input is even parsed; handlers get `ctx.workspace` and `ctx.role`.
 */
export const workspaceProcedure = protectedProcedure
  .input(z.object({ workspaceId: z.uuid("Unknown workspace.") }))
  .use(async ({ ctx, input, next }) => {
    const membership = await findMembership(ctx.db, ctx.userId, { workspaceId: input.workspaceId });
    // Not a member and no such workspace look the same, so ids cannot be probed.
    if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Workspace not found." });
    return next({ ctx: { ...ctx, workspace: membership.workspace, role: membership.role } });
  });

/** Middleware that admits only the given roles. */
export function requireRole(...roles: Role[]) {
  return t.middleware(({ ctx, next }) => {
    const role = (ctx as { role?: Role }).role;
    if (!role || !roles.includes(role)) {
      const names = roles.map((r) => `${r}s`);
      const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
      throw new TRPCError({ code: "FORBIDDEN", message: `Only ${list} can do this.` });
    }
    return next();
  });
}

/**
 * For procedures that change data: an expired plan keeps the console read-only (PRODUCT.md), so
 * they are refused with a message that says what to do. Handlers also get `ctx.plan`.
 */
export const writableWorkspaceProcedure = workspaceProcedure.use(async ({ ctx, next }) => {
  const plan = await loadPlanState(ctx.db, ctx.workspace);
  if (plan.readOnly) {
    throw new DomainError(
      "plan_expired",
      `Your ${plan.label} plan has expired, so this workspace is read-only. Choose a plan in Settings → Plan to make changes again.`,
    );
  }
  return next({ ctx: { ...ctx, plan } });
});

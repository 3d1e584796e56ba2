import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/access/actions";
import { callerFor, signedUpUser } from "@/server/testing/callers";
import { appRouter } from "./root";
import type { ProcedureMeta } from "./trpc";

/**
 * Procedures that are not scoped to one workspace, each with the reason. Every other procedure in the
 * router is treated as workspace-scoped and must refuse another tenant's workspace id, so a new
 * procedure is covered the moment it is added.
 */
const NOT_WORKSPACE_SCOPED: Record<string, string> = {
  "auth.signUp": "public: creates an account and its own workspace",
  "workspace.list": "returns only the caller's own memberships",
  "workspace.create": "creates a new workspace owned by the caller",
  "team.acceptInvitation": "the invitation token names the workspace; joins only as the invited account",
  "team.joinWithNewAccount": "public: the invitation token names the workspace; creates the invited account",
};

type Call = (input: unknown) => Promise<unknown>;
function procedureAt(caller: unknown, path: string): Call {
  return path.split(".").reduce((node: unknown, key) => (node as Record<string, unknown>)[key], caller) as Call;
}

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? `${error.code}: ${error.message}` : `THREW: ${String(error)}`;
  }
}

const paths = Object.keys(appRouter._def.procedures);
const scoped = paths.filter((p) => !(p in NOT_WORKSPACE_SCOPED));

describe("tenant isolation", () => {
  let a: Awaited<ReturnType<typeof signedUpUser>>;
  let b: Awaited<ReturnType<typeof signedUpUser>>;

  beforeAll(async () => {
    [a, b] = await Promise.all([signedUpUser("tenant-a"), signedUpUser("tenant-b")]);
  });

  it("knows every exempt procedure (no stale entries)", () => {
    for (const path of Object.keys(NOT_WORKSPACE_SCOPED)) expect(paths).toContain(path);
    expect(scoped.length).toBeGreaterThan(0);
  });

  it.each(scoped)("%s refuses a member of A calling with workspace B's id", async (path) => {
    const refused = await outcome(procedureAt(a.caller, path)({ workspaceId: b.workspace.id }));
    expect(refused).toMatch(/^(NOT_FOUND|FORBIDDEN): Workspace not found\./);
  });

  it.each(scoped)("%s admits a member calling with their own workspace id", async (path) => {
    // The positive control: the same call with A's own id gets past the workspace check.
    const own = await outcome(procedureAt(a.caller, path)({ workspaceId: a.workspace.id }));
    expect(own).not.toMatch(/Workspace not found/);
  });

  it.each(paths)("%s declares what it requires in the access model", (path) => {
    const meta = (appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>)[path]!._def.meta;
    if (path in NOT_WORKSPACE_SCOPED) {
      expect(meta?.open, `${path} is outside any workspace: it declares open access`).toMatch(/^(public|signed_in)$/);
      expect(meta?.action).toBeUndefined();
    } else {
      // Every workspace procedure's permission comes from lib/access: role, plan state and features.
      expect(Object.keys(ACTIONS), `${path} declares an action of lib/access/actions.ts`).toContain(meta?.action);
    }
  });

  it.each(scoped)("%s refuses a signed-out caller", async (path) => {
    expect(await outcome(procedureAt(callerFor(null), path)({ workspaceId: a.workspace.id }))).toMatch(/^UNAUTHORIZED/);
  });
});

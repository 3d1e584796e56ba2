import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { awayReasons } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { DomainError } from "@/server/errors";
import { awayReasonLabelSchema, BUILT_IN_AWAY_REASONS } from "./status-input";

export type AwayReason = { id: string | null; label: string; builtIn: boolean };

/** The reasons an agent can choose when going Away: the built-in ones, then the workspace's own, oldest first. */
export async function listAwayReasons(db: Database | Tx, workspaceId: string): Promise<AwayReason[]> {
  const custom = await db
    .select({ id: awayReasons.id, label: awayReasons.label })
    .from(awayReasons)
    .where(eq(awayReasons.workspaceId, workspaceId))
    .orderBy(asc(awayReasons.createdAt), asc(awayReasons.label));
  return [
    ...BUILT_IN_AWAY_REASONS.map((label) => ({ id: null, label, builtIn: true })),
    ...custom.map((r) => ({ ...r, builtIn: false })),
  ];
}

/** The reason as stored (the workspace's spelling), or a DomainError when the workspace does not offer it. */
export async function resolveAwayReason(tx: Tx, workspaceId: string, label: string | null | undefined): Promise<string> {
  const wanted = label?.trim();
  if (!wanted) throw new DomainError("invalid", "Choose a reason for going Away.", { field: "awayReason" });
  const builtIn = BUILT_IN_AWAY_REASONS.find((r) => r.toLowerCase() === wanted.toLowerCase());
  if (builtIn) return builtIn;
  const [custom] = await tx
    .select({ label: awayReasons.label })
    .from(awayReasons)
    .where(and(eq(awayReasons.workspaceId, workspaceId), sql`lower(${awayReasons.label}) = lower(${wanted})`))
    .limit(1);
  if (!custom) {
    throw new DomainError("invalid", `"${wanted}" is not one of this workspace's Away reasons. Choose one from the list.`, {
      field: "awayReason",
    });
  }
  return custom.label;
}

export async function addAwayReason(db: Database, input: { workspaceId: string; label: string }): Promise<AwayReason> {
  const label = awayReasonLabelSchema.parse(input.label);
  const [row] = await db
    .insert(awayReasons)
    .values({ workspaceId: input.workspaceId, label })
    .onConflictDoNothing()
    .returning({ id: awayReasons.id, label: awayReasons.label });
  if (!row) throw new DomainError("conflict", `There is already a reason called "${label}".`, { field: "label" });
  return { ...row, builtIn: false };
}

/** Agents already Away with this reason keep it until they change status; it is just no longer offered. */
export async function deleteAwayReason(db: Database, input: { workspaceId: string; reasonId: string }): Promise<void> {
  const deleted = await db
    .delete(awayReasons)
    .where(and(eq(awayReasons.id, input.reasonId), eq(awayReasons.workspaceId, input.workspaceId)))
    .returning({ id: awayReasons.id });
  if (!deleted.length)
    throw new DomainError("not_found", "That reason no longer exists. Reload the page to see the current list.");
}

import { z } from "zod";
import { plainText } from "@/lib/csv";
import type { Database } from "@/db/client";
import { DomainError } from "@/server/errors";
import { findMembership } from "@/server/workspaces/membership";
import { analyticsCsv, analyticsFileName } from "./analytics-csv";
import { memberAccess } from "@/server/auth/member-access";
import { analyticsFiltersSchema } from "./analytics-filters";
import { linkAnalytics } from "./analytics";

const NOT_FOUND = "Workspace not found.";

/**
 * `GET /api/links/export?workspaceId=…&range=…`: the analytics page's figures as CSV, for the same
 * people (owners, admins, marketers of the workspace) and with the same filters as the page.
 */
export async function exportLinkAnalytics(url: URL, { db, userId }: { db: Database; userId: string | null }): Promise<Response> {
  if (!userId) return plainText(401, "Sign in to export analytics.");
  const params = Object.fromEntries(url.searchParams);
  const workspaceId = z.uuid().safeParse(params.workspaceId);
  if (!workspaceId.success) return plainText(404, NOT_FOUND);
  const membership = await findMembership(db, userId, { workspaceId: workspaceId.data });
  if (!membership) return plainText(404, NOT_FOUND);
  const view = (await memberAccess(db, membership)).access("links.view");
  if (!view.allowed) return plainText(403, view.reason);

  const { workspaceId: _workspaceId, ...filterParams } = params;
  void _workspaceId;
  const filters = analyticsFiltersSchema.safeParse(filterParams);
  if (!filters.success) return plainText(400, filters.error.issues[0]?.message ?? "Check the filters and try again.");

  try {
    const data = await linkAnalytics(db, membership.workspace.id, filters.data);
    return new Response(analyticsCsv(data, filters.data.channel), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${analyticsFileName(data)}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.kind === "not_found") return plainText(404, error.message);
    throw error;
  }
}

import { and, gte, lte, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";

// Filtering and paging the audit's logs, newest first.

/** A page: `limit` rows after `cursor`, the id of the previous page's last row. */
export type LogPage = { cursor?: number; limit: number };

/** Rows from `from` to `to`; an end not given does not limit. */
export function inTimeRange(column: AnyPgColumn, range: { from?: Date; to?: Date }): SQL | undefined {
  return and(range.from ? gte(column, range.from) : undefined, range.to ? lte(column, range.to) : undefined);
}

/**
 * Rows after the cursor in a log ordered by time, then id, newest first. The cursor's row is looked
 * up in the same workspace, so another workspace's id matches nothing.
 */
export function afterCursor(
  log: PgTable & { at: AnyPgColumn; id: AnyPgColumn },
  workspaceId: string,
  cursor: number | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${log.at}, ${log.id}) < (select c.at, c.id from ${log} c where c.id = ${cursor} and c.workspace_id = ${workspaceId})`;
}

/** A page from rows read with `limit + 1`: the extra row only tells that another page follows. */
export function pageOf<Row extends { id: number }>(rows: Row[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}

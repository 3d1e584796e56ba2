"use client";
import { useCallback, useState } from "react";
import type { z } from "zod";

/** Older pages follow the last row's id. */
const getNextPageParam = (page: { nextCursor: number | null }) => page.nextCursor ?? undefined;

/**
 * An audit list's filters as the supervisor sets them: whether they make a valid query (else the
 * first problem, and no query is sent), and whether any is set.
 */
export function useAuditFilters<Filters extends object>(schema: z.ZodType<Filters>, initial: Filters) {
  const [filters, setFilters] = useState(initial);
  const set = useCallback((change: Partial<Filters>) => setFilters((current) => ({ ...current, ...change })), []);
  const checked = schema.safeParse(filters);
  return {
    filters,
    set,
    valid: checked.success,
    problem: checked.success ? null : (checked.error.issues[0]?.message ?? null),
    filtered: Object.values(filters).some((value) => value !== undefined),
    pageOptions: { getNextPageParam, enabled: checked.success },
  };
}

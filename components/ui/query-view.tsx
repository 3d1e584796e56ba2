import type { ReactNode } from "react";
import { errorMessage } from "@/components/providers/errors";
import { Alert } from "./alert";
import { Button } from "./button";

type ListQuery = { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };

const LOOKS = {
  /** On the page, in a border of its own. */
  page: {
    loading: "h-48 animate-pulse rounded-lg border border-slate-200 bg-white",
    empty: "rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600",
  },
  /** Inside a Card. */
  card: {
    loading: "h-24 animate-pulse rounded-md bg-slate-100",
    empty: "rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600",
  },
} as const;

type Props = {
  query: ListQuery;
  /** Names the placeholder while loading, e.g. "Loading the status log". */
  loadingLabel: string;
  /** Leads the error, e.g. "Could not load the status log". */
  failure: string;
  /** What to say when there is nothing to show, or null when there is. */
  empty: string | null;
  look?: keyof typeof LOOKS;
  children: ReactNode;
};

/** A list's query: a placeholder while it loads, its error with Retry, the empty message, else the list. */
export function QueryView({ query, loadingLabel, failure, empty, look = "page", children }: Props) {
  if (query.isPending) return <div className={LOOKS[look].loading} aria-label={loadingLabel} />;
  if (query.isError) {
    return (
      <Alert>
        {failure}: {errorMessage(query.error)}{" "}
        <Button variant="ghost" onClick={() => query.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  }
  if (empty !== null) return <div className={LOOKS[look].empty}>{empty}</div>;
  return children;
}

type PagedQuery = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };

/** Loads the next page of an infinite query, while there is one. */
export function MoreButton({ query, children }: { query: PagedQuery; children: ReactNode }) {
  if (!query.hasNextPage) return null;
  return (
    <Button variant="secondary" pending={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
      {children}
    </Button>
  );
}

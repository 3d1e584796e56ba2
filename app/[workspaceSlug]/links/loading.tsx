/** While the Links page loads. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="mx-auto max-w-6xl space-y-4">
      <div className="h-8 w-56 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-2/3 animate-pulse rounded bg-slate-100" />
      <div className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}

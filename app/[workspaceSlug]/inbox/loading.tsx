/** While a conversation's page loads, inside the inbox frame. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="flex-1 space-y-3 p-4">
      <div className="h-5 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-12 w-2/3 animate-pulse rounded-lg bg-slate-100" />
      <div className="ml-auto h-12 w-1/2 animate-pulse rounded-lg bg-slate-100" />
    </div>
  );
}

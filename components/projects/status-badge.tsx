const LOOKS = {
  draft: { label: "Draft", className: "bg-slate-100 text-slate-700" },
  active: { label: "Active", className: "bg-emerald-50 text-emerald-700 ring-1 ring-emerald-200" },
  inactive: { label: "Inactive", className: "bg-amber-50 text-amber-800 ring-1 ring-amber-200" },
  archived: { label: "Archived", className: "bg-slate-100 text-slate-500" },
} as const;

/** Draft (no bot yet) / Active (receiving messages) / Inactive (paused) — or Archived. */
export function StatusBadge({ status, archived = false }: { status: "draft" | "active" | "inactive"; archived?: boolean }) {
  const look = LOOKS[archived ? "archived" : status];
  return (
    <span data-testid="project-status" className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${look.className}`}>
      {look.label}
    </span>
  );
}

import type { ReactNode } from "react";

type Props = {
  /** The heading's id, which names the section. */
  id: string;
  title: string;
  about: ReactNode;
  /** The CSV of the rows the filters select, or null while the filters are invalid. */
  exportHref: string | null;
  exportLabel: string;
  /** The filter controls, and the grid columns they take. */
  filters: ReactNode;
  filterColumns: string;
  children: ReactNode;
};

/** The frame of an audit list: heading, CSV export and the filter bar over the rows. */
export function AuditSection({ id, title, about, exportHref, exportLabel, filters, filterColumns, children }: Props) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={id} className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-600">{about}</p>
        </div>
        <a
          href={exportHref ?? undefined}
          aria-disabled={exportHref === null}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-disabled:pointer-events-none aria-disabled:text-slate-400"
          download
        >
          {exportLabel}
        </a>
      </div>
      <div className={`grid gap-3 rounded-lg border border-slate-200 bg-white p-3 ${filterColumns}`}>{filters}</div>
      {children}
    </section>
  );
}

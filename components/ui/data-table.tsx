import type { ReactNode } from "react";

/** A column heading; `hidden` keeps it for screen readers only (an actions column). */
export type Column = string | { label: string; className?: string; hidden?: boolean };

const FRAMES = {
  /** On the page, in a border of its own. */
  page: {
    frame: "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm",
    head: "border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500",
  },
  /** Inside a Card, which is the border already. */
  card: { frame: "overflow-x-auto", head: "border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500" },
} as const;

type Props = {
  columns: readonly Column[];
  /** The padding of the headings, as the rows' cells have it. */
  cellClassName?: string;
  frame?: keyof typeof FRAMES;
  className?: string;
  "aria-label"?: string;
  "data-testid"?: string;
  /** The rows. */
  children: ReactNode;
};

/** The console's table: headings in small capitals over rows divided by hairlines. */
export function DataTable({ columns, cellClassName = "px-3 py-2", frame = "page", className = "", children, ...table }: Props) {
  return (
    <div className={FRAMES[frame].frame}>
      <table {...table} className={`w-full text-left text-sm ${className}`}>
        <thead className={FRAMES[frame].head}>
          <tr>
            {columns.map((column) => {
              const { label, className: extra = "", hidden = false } = typeof column === "string" ? { label: column } : column;
              return (
                <th key={label} className={`${cellClassName} font-medium ${extra}`}>
                  {hidden ? <span className="sr-only">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

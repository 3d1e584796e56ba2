import type { ReactNode } from "react";
import type { Figures } from "@/server/links/analytics";
import { count, rate } from "./format";

export type FiguresRow = { key: string; label: ReactNode; figures: Figures };

type Props = {
  title: string;
  /** The first column's heading: "Link", "Campaign", "Device"… */
  keyLabel: string;
  rows: FiguresRow[];
  empty: string;
};

/** Clicks, unique visitors, Starts, sessions and conversion, one row per link, channel or breakdown value. */
export function FiguresTable({ title, keyLabel, rows, empty }: Props) {
  return (
    <section className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={title}>
      <h2 className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">{title}</h2>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-slate-500">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {keyLabel}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Clicks
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Unique visitors
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Starts
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Sessions
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Conversion
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row" className="max-w-72 truncate px-4 py-2 text-left font-medium text-slate-900">
                    {row.label}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{count(row.figures.clicks)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{count(row.figures.uniques)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{count(row.figures.starts)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{count(row.figures.sessions)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{rate(row.figures.conversionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

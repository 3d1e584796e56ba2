"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/server/links/analytics";
import { bucketLabel } from "./format";

type Props = { series: SeriesPoint[]; unit: "hour" | "day"; timeZone: string };

const LINES = [
  { key: "clicks", name: "Clicks", color: "#64748b" },
  { key: "uniques", name: "Unique visitors", color: "#2563eb" },
  { key: "starts", name: "Starts", color: "#16a34a" },
] as const;

/** Clicks, unique visitors and Starts per hour or day of the range. */
export function SeriesChart({ series, unit, timeZone }: Props) {
  const data = series.map((p) => ({ ...p, label: bucketLabel(p.bucket, unit) }));
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Over time">
      <h2 className="text-sm font-semibold text-slate-900">
        Per {unit} <span className="font-normal text-slate-500">({timeZone})</span>
      </h2>
      <div className="mt-3 h-64" role="img" aria-label={`Clicks, unique visitors and Starts per ${unit}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {LINES.map((line) => (
              <Line
                key={line.key}
                type="monotone"
                dataKey={line.key}
                name={line.name}
                stroke={line.color}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}

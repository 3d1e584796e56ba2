"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { analyticsFiltersSchema, MAX_RANGE_DAYS, RANGE_PRESETS, type RangePreset } from "@/server/links/analytics-filters";

export type RangeValue = { range: RangePreset } | { range: "custom"; from: string; to: string };

type Props = {
  value: RangeValue;
  onChange: (value: RangeValue) => void;
  /** A message from the server about the custom range, shown under the field it names. */
  serverError?: { field: "from" | "to"; message: string } | null;
};

const PRESETS = Object.entries(RANGE_PRESETS) as [RangePreset, (typeof RANGE_PRESETS)[RangePreset]][];

/** The local calendar day `days` before today, as YYYY-MM-DD. */
function daysAgo(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() - days);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** Last 24 hours / 7 days / 30 days, or whole days from–to (checked here with the server's rules before asking). */
export function RangePicker({ value, onChange, serverError }: Props) {
  const [customOpen, setCustomOpen] = useState(value.range === "custom");
  // The last 14 days to start with, worked out once (lazy initial state).
  const [from, setFrom] = useState(() => (value.range === "custom" ? value.from : daysAgo(13)));
  const [to, setTo] = useState(() => (value.range === "custom" ? value.to : daysAgo(0)));
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});

  const apply = () => {
    const parsed = analyticsFiltersSchema.safeParse({ range: "custom", from, to });
    if (!parsed.success) {
      const fields: { from?: string; to?: string } = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === "from" || field === "to") && !fields[field]) fields[field] = issue.message;
      }
      setErrors(fields);
      return;
    }
    setErrors({});
    onChange({ range: "custom", from, to });
  };

  const fieldError = (field: "from" | "to") => errors[field] ?? (serverError?.field === field ? serverError.message : null);

  return (
    <div className="space-y-3">
      <div
        role="group"
        aria-label="Time range"
        className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white"
      >
        {PRESETS.map(([key, preset]) => (
          <button
            key={key}
            type="button"
            aria-pressed={value.range === key}
            onClick={() => {
              setCustomOpen(false);
              onChange({ range: key });
            }}
            className={`px-3 py-1.5 text-sm ${value.range === key ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-50"}`}
          >
            {preset.label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={value.range === "custom"}
          aria-expanded={customOpen}
          onClick={() => setCustomOpen((open) => !open)}
          className={`px-3 py-1.5 text-sm ${value.range === "custom" ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-50"}`}
        >
          Custom
        </button>
      </div>
      {customOpen && (
        <form
          className="flex flex-wrap items-start gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
        >
          <Field
            label="From"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={fieldError("from")}
            className="w-44"
          />
          <Field
            label="To"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={fieldError("to")}
            hint={`Whole days, at most ${MAX_RANGE_DAYS}.`}
            className="w-44"
          />
          <Button type="submit" variant="secondary" className="mt-6">
            Show these days
          </Button>
        </form>
      )}
    </div>
  );
}

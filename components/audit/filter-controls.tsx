"use client";
import { useId, type ReactNode } from "react";

/** `<input type="datetime-local">` speaks local time without a zone: these convert to and from a Date. */
export function toLocalInput(date: Date | undefined): string {
  if (!date) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const CONTROL =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-500";

/** A filter's small label over its control. */
function FilterFrame({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

export function SelectFilter({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <FilterFrame label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={CONTROL}>
          {children}
        </select>
      )}
    </FilterFrame>
  );
}

export function SearchFilter({
  label,
  value,
  placeholder,
  maxLength,
  onChange,
}: {
  label: string;
  value: string;
  placeholder: string;
  maxLength: number;
  onChange: (value: string) => void;
}) {
  return (
    <FilterFrame label={label}>
      {(id) => (
        <input
          id={id}
          type="search"
          value={value}
          maxLength={maxLength}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          className={CONTROL}
        />
      )}
    </FilterFrame>
  );
}

export function TimeFilter({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: Date | undefined;
  error?: string | null;
  onChange: (value: Date | undefined) => void;
}) {
  return (
    <FilterFrame label={label}>
      {(id) => (
        <>
          <input
            id={id}
            type="datetime-local"
            value={toLocalInput(value)}
            onChange={(e) => onChange(fromLocalInput(e.target.value))}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={`${CONTROL} ${error ? "border-red-400" : ""}`}
          />
          {error && (
            <p id={`${id}-error`} className="text-xs text-red-600">
              {error}
            </p>
          )}
        </>
      )}
    </FilterFrame>
  );
}

/** "12 Mar 2026, 14:05:09" in the reader's locale: audits need the second. */
export function auditTime(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

import { useId, type InputHTMLAttributes, type ReactNode } from "react";

/** What a labelled control takes from its frame: its id, its error state and the console's field style. */
export type ControlProps = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  className: string;
};

/** The console's style of an input, select or text area, red while it has an error. */
export function controlClassName(error?: string | null): string {
  return `block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 disabled:bg-slate-50 disabled:text-slate-500 ${
    error ? "border-red-400 focus:ring-red-300" : "border-slate-300 focus:ring-brand-500"
  }`;
}

type FrameProps = {
  label: string;
  error?: string | null;
  hint?: string;
  /** Hide the label visually (it stays for screen readers), for compact rows. */
  hideLabel?: boolean;
  className?: string;
  control: (props: ControlProps) => ReactNode;
};

/** The label above a control and its validation message (or hint) underneath. */
export function FieldFrame({ label, error, hint, hideLabel = false, className = "", control }: FrameProps) {
  const id = useId();
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      {control({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
        className: controlClassName(error),
      })}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string | null; hint?: string };

/** A labelled input with its validation message underneath. */
export function Field({ label, error, hint, className, ...input }: Props) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(control) => <input {...input} {...control} />}
    />
  );
}

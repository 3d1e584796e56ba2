import type { SelectHTMLAttributes } from "react";
import { FieldFrame } from "./field";

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  error?: string | null;
  hint?: string;
  hideLabel?: boolean;
  options: readonly { value: string; label: string; disabled?: boolean }[];
};

/** A labelled select with its validation message underneath: the select twin of Field. */
export function SelectField({ label, error, hint, hideLabel, options, className, ...select }: Props) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      hideLabel={hideLabel}
      className={className}
      control={(control) => (
        // A caller may mark it invalid while its message stands elsewhere.
        <select {...select} {...control} aria-invalid={control["aria-invalid"] ?? select["aria-invalid"]}>
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

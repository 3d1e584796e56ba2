import { useId, type ReactNode, type TextareaHTMLAttributes } from "react";
import { controlClassName } from "./field";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value"> & {
  label: string;
  value: string;
  /** Shown under the text, replaced by the error while there is one. */
  hint: ReactNode;
  error?: string | null;
  /** The most characters allowed: a counter beside the hint, red above it. */
  max: number;
  children?: ReactNode;
};

/** A labelled text area for a message customers will read, with its hint or error and a character counter. */
export function MessageField({ label, value, hint, error, max, children, className = "", ...textarea }: Props) {
  const id = useId();
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        {...textarea}
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-note`}
        className={controlClassName(error)}
      />
      <p id={`${id}-note`} className={`flex justify-between gap-4 text-xs ${error ? "text-red-600" : "text-slate-500"}`}>
        <span>{error ?? hint}</span>
        <span className={value.length > max ? "text-red-600" : undefined}>
          {value.length} / {max}
        </span>
      </p>
      {children}
    </div>
  );
}

"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

type Props = {
  label: string;
  /** What will happen, asked before it does. */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  disabled?: boolean;
};

/** A button for something hard to undo: the first click asks, the second does it. */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, pending = false, disabled = false }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button type="button" variant="secondary" onClick={() => setAsking(true)} disabled={disabled || pending}>
        {label}
      </Button>
    );
  }
  return (
    <div role="group" aria-label={label} className="w-full space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
      <p className="text-sm text-red-800">{question}</p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={onConfirm}
          disabled={pending}
          aria-busy={pending || undefined}
          className="inline-flex items-center gap-2 rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:bg-red-600/60"
        >
          {pending && (
            <span className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />
          )}
          {confirmLabel}
        </button>
        <Button type="button" variant="ghost" onClick={() => setAsking(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

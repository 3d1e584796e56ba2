"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text` and says so for a moment; where the clipboard is refused it says how to copy by hand. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2_000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        className="px-2 py-1 text-xs"
        onClick={() => void copy()}
        aria-label={`${label} ${text}`}
      >
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="text-xs text-slate-500">
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Could not copy: select the link and copy it" : ""}
      </span>
    </span>
  );
}

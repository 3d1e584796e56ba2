"use client";
import { useState } from "react";
import type { z } from "zod";

/**
 * Checks a field with the same zod schema the server applies, before sending, so the message
 * appears at once. `check` returns the parsed value, or null after recording the first problem.
 */
export function useClientCheck<T>(schema: z.ZodType<T>, fallback = "Check this field.") {
  const [problem, setProblem] = useState<string | null>(null);
  function check(value: unknown): T | null {
    const parsed = schema.safeParse(value);
    setProblem(parsed.success ? null : (parsed.error.issues[0]?.message ?? fallback));
    return parsed.success ? parsed.data : null;
  }
  return { problem, check, clear: () => setProblem(null) };
}

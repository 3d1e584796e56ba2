import { RE2 } from "re2-wasm";
import { patternCostProblem } from "./pattern-cost";

/**
 * Tenant patterns are compiled with RE2 (linear time, no backtracking), never with RegExp, so no
 * pattern can stall the server. RE2 in WebAssembly keeps its compiled programs outside the JS heap:
 * they are freed when the JS object that holds them is collected.
 */
type Wrapper = { delete?: () => void };
const release = new FinalizationRegistry<Wrapper>((wrapper) => wrapper.delete?.());

export function compileRe2(source: string, flags: "u" | "gu"): RE2 {
  const re = new RE2(source, flags);
  const wrapper = (re as unknown as { wrapper?: Wrapper }).wrapper;
  if (wrapper) release.register(re, wrapper);
  return re;
}

// Clearer reasons for what RE2 leaves out on purpose (its own messages say "invalid perl operator").
const UNSUPPORTED: [RegExp, string][] = [
  [/\(\?<?[=!]/, "lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported"],
  [/\\[1-9]|\\k</, "backreferences (\\1, \\k<name>) are not supported"],
  [/\(\?>/, "atomic groups ((?>…)) are not supported"],
  [/[*+?}]\+/, "possessive quantifiers (*+, ++, ?+) are not supported"],
];

/** Why `pattern` cannot be used, as a sentence for the admin, or null when it is fine. */
export function patternProblem(pattern: string): string | null {
  // Before RE2 sees it: a program too large to build would abort re2-wasm for every tenant.
  const cost = patternCostProblem(pattern);
  if (cost) return cost;
  let re: RE2;
  try {
    re = compileRe2(pattern, "u");
  } catch (error) {
    // RE2 decided; our fixed detectors (run on the admin's text, never compiled from it) only word the reason.
    const known = UNSUPPORTED.find(([detector]) => detector.test(pattern));
    if (known) return `"${pattern}": ${known[1]}.`;
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/u: /s, "") : String(error);
    return `"${pattern}" is not a valid pattern: ${detail}.`;
  }
  if (re.test(""))
    return `"${pattern}" also matches an empty text, so it would flag every message. Make it match at least one character.`;
  return null;
}

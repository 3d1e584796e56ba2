import { RISK_CHECK_BUDGET } from "./check-budget";

/** A part of a pattern: its size with counted repeats spelled out, and whether it repeats without limit. */
type Part = { size: number; unbounded: boolean };
type Frame = { alternatives: Part[]; sequence: Part[]; last: Part | null };

const sum = (parts: Part[]): Part => ({
  size: parts.reduce((n, p) => n + p.size, 0),
  unbounded: parts.some((p) => p.unbounded),
});

/** Where a `[...]` class that starts at `from` ends (the index after its `]`). */
function classEnd(pattern: string, from: number): number {
  let i = from + 1;
  if (pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  while (i < pattern.length && pattern[i] !== "]") {
    if (pattern[i] === "\\") i += 2;
    else if (pattern.startsWith("[:", i)) {
      const end = pattern.indexOf(":]", i + 2);
      i = end < 0 ? pattern.length : end + 2;
    } else i++;
  }
  return i + 1;
}

/** Where the escape at `from` ends: `\p{Greek}`, `\x{1F600}`, `\Q…\E` and two-character escapes. */
function escapeEnd(pattern: string, from: number): number {
  const kind = pattern[from + 1];
  if ((kind === "p" || kind === "P" || kind === "x") && pattern[from + 2] === "{")
    return pattern.indexOf("}", from) + 1 || pattern.length;
  if (kind === "p" || kind === "P") return from + 3;
  if (kind === "x") return from + 4;
  return from + 2;
}

const REPEAT = /^\{(\d+)(,(\d*))?\}\??/;
/** A Unicode property class (\pL, \p{Han}) is a program of its own: hundreds of byte ranges. Measured ~40× a letter. */
const UNICODE_CLASS = 40;

/**
 * The estimated RE2 program size of a pattern, and the largest count that repeats a part which
 * itself repeats without limit. Read before RE2 compiles the pattern: a nested count such as
 * `(a{1000}){1000}` exhausts re2-wasm's memory and breaks it for the whole process. Not a parser
 * for everything RE2 reads (RE2 judges the syntax afterwards); it only counts what makes a program
 * large, and reads any text without failing.
 */
export function patternCost(pattern: string): { size: number; unboundedRepeat: number } {
  const stack: Frame[] = [{ alternatives: [], sequence: [], last: null }];
  let unboundedRepeat = 0;
  const top = () => stack.at(-1)!;
  const atom = (part: Part) => {
    const frame = top();
    if (frame.last) frame.sequence.push(frame.last);
    frame.last = part;
  };
  const close = (frame: Frame): Part => {
    if (frame.last) frame.sequence.push(frame.last);
    const alternatives = [...frame.alternatives, sum(frame.sequence)];
    const whole = sum(alternatives);
    return { ...whole, size: whole.size + alternatives.length - 1 };
  };
  const repeat = (min: number, max: number | null, skip: number) => {
    const frame = top();
    const part = frame.last;
    if (!part) return skip;
    const count = max ?? min + 1;
    if (part.unbounded && count > 1) unboundedRepeat = Math.max(unboundedRepeat, count);
    frame.last = { size: part.size * Math.max(1, count) + 1, unbounded: part.unbounded || max === null };
    return skip;
  };

  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\" && pattern[i + 1] === "Q") {
      // \Q…\E: a literal run, one step per character.
      const end = pattern.indexOf("\\E", i + 2);
      const stop = end < 0 ? pattern.length : end;
      atom({ size: Math.max(1, stop - i - 2), unbounded: false });
      i = end < 0 ? pattern.length : end + 2;
    } else if (c === "\\") {
      const end = escapeEnd(pattern, i);
      atom({ size: /^\\[pP]/.test(pattern.slice(i, end)) ? UNICODE_CLASS : 1, unbounded: false });
      i = end;
    } else if (c === "[") {
      const end = classEnd(pattern, i);
      atom({ size: /\\[pP]/.test(pattern.slice(i, end)) ? UNICODE_CLASS : 1, unbounded: false });
      i = end;
    } else if (c === "(") {
      const flagsOnly = /^\(\?[a-zA-Z-]*\)/.exec(pattern.slice(i));
      if (flagsOnly) {
        i += flagsOnly[0].length;
        continue;
      }
      stack.push({ alternatives: [], sequence: [], last: null });
      const named = /^\(\?(P?<[^>]*>|[a-zA-Z-]*:)/.exec(pattern.slice(i));
      i += named ? named[0].length : 1;
    } else if (c === ")" && stack.length > 1) {
      const group = close(stack.pop()!);
      atom(group);
      i++;
    } else if (c === "|") {
      const frame = top();
      if (frame.last) frame.sequence.push(frame.last);
      frame.alternatives.push(sum(frame.sequence));
      frame.sequence = [];
      frame.last = null;
      i++;
    } else if (c === "*" || c === "+") {
      i += repeat(c === "*" ? 0 : 1, null, pattern[i + 1] === "?" ? 2 : 1);
    } else if (c === "?") {
      i += repeat(0, 1, pattern[i + 1] === "?" ? 2 : 1);
    } else if (c === "{" && REPEAT.test(pattern.slice(i))) {
      const [text, min, comma, max] = REPEAT.exec(pattern.slice(i))!;
      i += repeat(Number(min), comma ? (max ? Number(max) : null) : Number(min), text.length);
    } else {
      atom({ size: 1, unbounded: false });
      i++;
    }
  }
  while (stack.length > 1) atom(close(stack.pop()!));
  return { size: close(stack[0]!).size, unboundedRepeat };
}

/** Why a valid pattern would make checks too slow, as a sentence for the admin, or null. */
export function patternCostProblem(pattern: string): string | null {
  const { size, unboundedRepeat } = patternCost(pattern);
  if (unboundedRepeat > RISK_CHECK_BUDGET.unboundedRepeat) {
    return `"${pattern}" repeats a part that already repeats without limit ${unboundedRepeat} times, which makes every check slow. Repeat it at most ${RISK_CHECK_BUDGET.unboundedRepeat} times, or write the part once.`;
  }
  if (size > RISK_CHECK_BUDGET.patternCost) {
    return `"${pattern}" is too large to check quickly (about ${size} steps; at most ${RISK_CHECK_BUDGET.patternCost}). Use smaller counts such as {1,40}, or split it into several patterns.`;
  }
  return null;
}

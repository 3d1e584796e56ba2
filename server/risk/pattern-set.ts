import type { RE2 } from "re2-wasm";
import { buildKeywordAutomaton } from "./aho-corasick";
import { hasWordRun, longestWordRun, patternFilter, readLiteralUnit } from "./pattern-literals";
import { compileRe2 } from "./risk-pattern";
import { unitReader } from "./text-units";

/** Where a pattern matched, in UTF-16 offsets of the text. */
export type PatternMatch = { pattern: number; start: number; end: number };

export type PatternSet = {
  /** `units`, when given, are the text's UTF-16 code units (say from foldText), so the text is not read again. */
  find(text: string, units?: Uint16Array): readonly PatternMatch[];
};

const NONE: readonly PatternMatch[] = Object.freeze([]);

/** Patterns without a literal per RE2 alternation: a hit costs one search per pattern of the hitting chunk. */
const CHUNK = 16;
/** A pattern that matches everywhere (say `\d`) is reported this many times per message at most. */
const MATCHES_PER_PATTERN = 50;

function alternation(sources: readonly string[]): RE2 | null {
  try {
    return compileRe2(sources.map((s) => `(?:${s})`).join("|"), "u");
  } catch {
    // Too large for one RE2 program: the level below answers instead.
    return null;
  }
}

// RE2 (through re2-wasm) counts in code points; strings count in UTF-16 units.
const SURROGATE = /[\ud800-\udfff]/;
function unitOffsets(text: string): Int32Array | null {
  if (!SURROGATE.test(text)) return null;
  const offsets = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    offsets[cp++] = i;
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  offsets[cp] = text.length;
  return offsets;
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (!(unit >= 0xdc00 && unit <= 0xdfff && i > 0 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800)) n++;
  }
  return n;
}

// For a find without the units at hand (a project without keywords).
const reader = unitReader();

/**
 * The patterns (already validated) in as few RE2 passes as possible. Most patterns require some
 * literal (`t.me/`, `wechat`, `0x`…): one Aho-Corasick scan finds which literals the text has, and
 * only the patterns whose literal is present run in RE2. The rest (say `[13][1-9A-HJ-NP-Za-km-z]{25,34}`)
 * are tested together, one RE2 alternation per chunk, and searched one by one only on a hit.
 * Individual programs are compiled when first needed.
 */
export function buildPatternSet(sources: readonly string[]): PatternSet {
  if (sources.length === 0) return { find: () => NONE };
  const single: (RE2 | null | undefined)[] = sources.map(() => undefined);
  const compiled = (index: number): RE2 | null => {
    if (single[index] === undefined) {
      try {
        single[index] = compileRe2(sources[index]!, "gu");
      } catch (error) {
        // An aborted re2-wasm compiles nothing any more: end the thread (the pool replaces it) rather than check without patterns.
        if (String(error).includes("abort(")) throw error;
        console.error(`[risk] pattern ${JSON.stringify(sources[index])} does not compile: ${String(error)}`);
        single[index] = null;
      }
    }
    return single[index]!;
  };

  const atomIndex = new Map<string, number>();
  const atomPatterns: number[][] = [];
  const alwaysRun: { index: number; wordRun: number }[] = [];
  sources.forEach((source, index) => {
    const { literals, wordRun } = patternFilter(source);
    if (!literals) return alwaysRun.push({ index, wordRun });
    for (const literal of literals) {
      let atom = atomIndex.get(literal);
      if (atom === undefined) {
        atom = atomPatterns.length;
        atomIndex.set(literal, atom);
        atomPatterns.push([]);
      }
      atomPatterns[atom]!.push(index);
    }
  });
  // The scan reads the text as literals are written (ASCII lower case…), without a lowered copy.
  const literalScan = atomPatterns.length ? buildKeywordAutomaton([...atomIndex.keys()], readLiteralUnit) : null;
  // Patterns that need long runs of word characters (addresses, keys) go together: a text without such a run skips them all.
  alwaysRun.sort((a, b) => b.wordRun - a.wordRun);
  const chunks: { members: { index: number; wordRun: number }[]; wordRun: number; test: RE2 | null }[] = [];
  for (let from = 0; from < alwaysRun.length; from += CHUNK) {
    const members = alwaysRun.slice(from, from + CHUNK);
    chunks.push({
      members,
      wordRun: members.at(-1)!.wordRun,
      test: members.length > 1 ? alternation(members.map((m) => sources[m.index]!)) : null,
    });
  }
  const needsRuns = chunks.some((c) => c.wordRun > 1);
  // The shortest run any of them needs: a text without one skips them all after a cheap look.
  const shortestRun = Math.min(...alwaysRun.map((m) => (m.wordRun > 1 ? m.wordRun : Infinity)));

  // Which patterns a text needs RE2 for: marked with the number of the call (no clearing between calls).
  const marked = new Int32Array(sources.length);
  let call = 0;

  function searchOne(index: number, text: string, offsets: Int32Array | null, into: PatternMatch[]) {
    const re = compiled(index);
    if (!re) return;
    let from = 0;
    for (let count = 0; count < MATCHES_PER_PATTERN; count++) {
      re.lastIndex = from;
      const match = re.exec(text);
      if (!match) return;
      const text0 = match[0]!;
      const start = offsets ? offsets[match.index]! : match.index;
      // An empty match (a lone \b, say) shows the agent nothing: not a hit.
      if (text0) into.push({ pattern: index, start, end: start + text0.length });
      from = match.index + Math.max(1, codePointLength(text0));
    }
  }

  let any = false;
  const onLiteral = (atom: number) => {
    for (const index of atomPatterns[atom]!) marked[index] = call;
    any = true;
  };

  return {
    find(text, units) {
      call++;
      any = false;
      const length = text.length;
      const read = units ?? (literalScan || needsRuns ? reader.read(text) : null);
      if (literalScan) literalScan.scan(read!, length, onLiteral);
      // Without a run of `shortestRun` the longest is shorter: saying shortestRun - 1 only lets RE2 decide more.
      const run = !needsRuns ? Infinity : hasWordRun(read!, length, shortestRun) ? longestWordRun(text) : shortestRun - 1;
      for (const chunk of chunks) {
        if (chunk.wordRun > run) continue;
        if (chunk.test ? chunk.test.test(text) : true) {
          for (const member of chunk.members) if (member.wordRun <= run) marked[member.index] = call;
          any = true;
        }
      }
      if (!any) return NONE;
      const offsets = unitOffsets(text);
      const found: PatternMatch[] = [];
      for (let index = 0; index < sources.length; index++) if (marked[index] === call) searchOne(index, text, offsets, found);
      return found;
    },
  };
}

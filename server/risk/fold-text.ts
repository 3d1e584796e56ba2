import { unitReader } from "./text-units";

/**
 * Folding for keyword matching: NFKC (full-width → half-width, ligatures, compatibility forms) and
 * lower case, cluster by cluster (a character with its combining marks), with whitespace runs made
 * one space. Text and keywords go through the same folding, so they meet in the same form; every
 * folded code unit remembers which original UTF-16 range it came from, so hits point into the
 * message as the agent wrote it.
 */

/**
 * The folded text as UTF-16 code units; `from[i]`..`to[i]` is the original range of unit i. Valid up to `length`.
 * `units` holds the original text's code units (valid up to the text's length), for other scans of the same text.
 */
export type FoldedText = { codes: Uint16Array; from: Int32Array; to: Int32Array; length: number; units: Uint16Array };

const SPACE = 0x20;
/** Characters that belong to the cluster before them (combining marks, Hangul vowel and final jamo). */
const CONTINUATION = /^[\p{M}\u1160-\u11ff]$/u;
const WHITESPACE = /^\s$/u;

// Per BMP code unit: 0 unknown, 1 starts a cluster, 2 continues one.
const clusterKind = new Uint8Array(0x10000);
// Per high surrogate: 0 unknown, 1 no code point it leads continues a cluster, 2 some do.
const highSurrogateKind = new Uint8Array(0x400);
// Per BMP code unit standing alone: its folded single unit + 1, 0 unknown, MULTI when it folds to several or none.
const MULTI = 0xffff;
const foldedUnit = new Uint16Array(0x10000);
const foldedMany = new Map<number, string>();
// Per astral code point standing alone (emoji, mostly): its folded form, for the first so many met.
const foldedAstral = new Map<number, string>();
const ASTRAL_CACHE = 4096;
/**
 * Per BMP code unit: its folded single unit + 1 when it is "simple": no surrogate, never continues a
 * cluster, and folds alone to one unit; 0 when not (yet) known to be. Such a unit followed by a unit
 * below U+0300 or by another simple one is a whole cluster: the fold reads it off this table. ASCII is
 * filled in up front (lower case, ASCII whitespace as a space: what foldCluster gives it), the rest
 * as met.
 */
const simpleFold = new Uint16Array(0x10000);
for (let unit = 0; unit < 0x80; unit++)
  simpleFold[unit] = (unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit >= 0x09 && unit <= 0x0d ? SPACE : unit) + 1;

function foldCluster(cluster: string): string {
  const folded = cluster.normalize("NFKC").toLowerCase().normalize("NFKC");
  return WHITESPACE.test(folded) ? " " : folded;
}

/** Whether the unit at `index` continues the cluster before it (every unit below U+0300 starts one). */
function continuesAt(units: Uint16Array, n: number, index: number): boolean {
  const unit = units[index]!;
  if (unit < 0x300) return false;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const low = index + 1 < n ? units[index + 1]! : 0;
    if ((low & 0xfc00) !== 0xdc00) return false;
    // Astral combining marks exist (e.g. musical notation), but most high surrogates (emoji) lead to none.
    let kind = highSurrogateKind[unit - 0xd800]!;
    if (kind === 0) {
      kind = 1;
      for (let other = 0xdc00; other <= 0xdfff && kind === 1; other++)
        if (CONTINUATION.test(String.fromCharCode(unit, other))) kind = 2;
      highSurrogateKind[unit - 0xd800] = kind;
    }
    return kind === 2 && CONTINUATION.test(String.fromCharCode(unit, low));
  }
  return continuesUnit(unit);
}

/** Whether a BMP unit (no high surrogate) continues the cluster before it (cached). */
function continuesUnit(unit: number): boolean {
  let kind = clusterKind[unit]!;
  if (kind === 0) {
    kind = CONTINUATION.test(String.fromCharCode(unit)) ? 2 : 1;
    clusterKind[unit] = kind;
  }
  return kind === 2;
}

/** The folded form of one BMP unit standing alone (cached). */
function foldUnitAlone(unit: number): number | string {
  const cached = foldedUnit[unit]!;
  if (cached !== 0 && cached !== MULTI) return cached - 1;
  if (cached === MULTI) return foldedMany.get(unit)!;
  const folded = foldCluster(String.fromCharCode(unit));
  if (folded.length === 1 && folded.charCodeAt(0) < MULTI - 1) {
    foldedUnit[unit] = folded.charCodeAt(0) + 1;
    if ((unit < 0xd800 || unit > 0xdfff) && !continuesUnit(unit)) simpleFold[unit] = folded.charCodeAt(0) + 1;
    return folded.charCodeAt(0);
  }
  foldedUnit[unit] = MULTI;
  foldedMany.set(unit, folded);
  return folded;
}

/** The folded form of one astral code point standing alone (cached). */
function foldAstralAlone(high: number, low: number): string {
  const cp = (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  let folded = foldedAstral.get(cp);
  if (folded === undefined) {
    folded = foldCluster(String.fromCharCode(high, low));
    if (foldedAstral.size < ASTRAL_CACHE) foldedAstral.set(cp, folded);
  }
  return folded;
}

const reader = unitReader();
let shared: FoldedText = {
  codes: new Uint16Array(1024),
  from: new Int32Array(1024),
  to: new Int32Array(1024),
  length: 0,
  units: new Uint16Array(0),
};

/** `out`, or a bigger copy of it when it holds fewer than `needed` folded units. */
function ensureCapacity(out: FoldedText, needed: number): FoldedText {
  if (needed <= out.codes.length) return out;
  const size = Math.max(needed, out.codes.length * 2);
  const grown = {
    codes: new Uint16Array(size),
    from: new Int32Array(size),
    to: new Int32Array(size),
    length: out.length,
    units: out.units,
  };
  grown.codes.set(out.codes);
  grown.from.set(out.from);
  grown.to.set(out.to);
  return grown;
}

/**
 * Folds cluster by cluster. Stretches of simple units (ASCII, and the Cyrillic, CJK, full-width…
 * met before) go by table, reading each unit once; only real clusters (marks, surrogate pairs) are
 * normalised as strings. `general` turns every shortcut off; without `offsets` only `codes` is written.
 */
function fold(text: string, general: boolean, offsets: boolean): FoldedText {
  const n = text.length;
  const units = reader.read(text);
  // NFKC expands a character into at most 18 units (U+FDFA); most text stays the same length.
  let out = ensureCapacity(shared, n + 32);
  out.units = units;
  let { codes, from, to } = out;
  let length = 0;
  // Where the last folded unit's original range ends (to[length - 1], kept even without offsets).
  let lastEnd = 0;
  let i = 0;
  while (i < n) {
    let unit = units[i]!;
    if (!general) {
      // A simple unit followed by a unit below U+0300 or another simple one is a whole cluster
      // (units[n] is 0: the last unit is followed by no mark). Each unit's entry is read once.
      let simple = simpleFold[unit]!;
      while (simple !== 0) {
        const next = units[i + 1]!;
        const nextSimple = simpleFold[next]!;
        if (next >= 0x300 && nextSimple === 0) break;
        const single = simple - 1;
        // A run of whitespace is one space.
        if (single !== SPACE || length === 0 || codes[length - 1] !== SPACE || lastEnd !== i) {
          codes[length] = single;
          if (offsets) from[length] = i;
          length++;
        }
        if (offsets) to[length - 1] = i + 1;
        lastEnd = ++i;
        if (i >= n) break;
        unit = next;
        simple = nextSimple;
      }
      if (i >= n) break;
    }

    let end = i + 1;
    let single = -1;
    let many: string | null = null;
    if (!general && (unit < 0xd800 || unit > 0xdfff) && !(units[end]! >= 0x300 && end < n && continuesAt(units, n, end))) {
      const cached = foldedUnit[unit]!;
      if (cached !== 0 && cached !== MULTI) single = cached - 1;
      else {
        const folded = foldUnitAlone(unit);
        if (typeof folded === "number") single = folded;
        else if (folded.length === 1) single = folded.charCodeAt(0);
        else many = folded;
      }
    } else {
      const pair = unit >= 0xd800 && unit <= 0xdbff && end < n && (units[end]! & 0xfc00) === 0xdc00;
      if (pair) end++;
      // Marks and jamo continue the cluster.
      while (end < n && units[end]! >= 0x300 && continuesAt(units, n, end)) end += (units[end]! & 0xfc00) === 0xd800 ? 2 : 1;
      const folded = general
        ? foldCluster(text.slice(i, end))
        : end === i + 1
          ? foldUnitAlone(unit)
          : pair && end === i + 2
            ? foldAstralAlone(unit, units[i + 1]!)
            : foldCluster(text.slice(i, end));
      if (typeof folded === "number") single = folded;
      else if (folded.length === 1) single = folded.charCodeAt(0);
      else many = folded;
    }

    if (many === null) {
      if (single !== SPACE || length === 0 || codes[length - 1] !== SPACE || lastEnd !== i) {
        codes[length] = single;
        if (offsets) from[length] = i;
        length++;
      }
      if (offsets) to[length - 1] = end;
      lastEnd = end;
    } else if (many.length > 0) {
      // Room for the expansion and, at one unit each, the rest of the text.
      if (length + many.length + (n - end) > codes.length) {
        out.length = length;
        out = ensureCapacity(out, length + many.length + (n - end) + 32);
        ({ codes, from, to } = out);
      }
      for (let k = 0; k < many.length; k++) {
        codes[length] = many.charCodeAt(k);
        if (offsets) {
          from[length] = i;
          to[length] = end;
        }
        length++;
      }
      lastEnd = end;
    }
    i = end;
  }
  out.length = length;
  shared = out;
  return out;
}

/**
 * Folds `text` into a buffer that is reused by the next call (matching is synchronous, so the
 * caller reads it before anyone folds again). Keywords use {@link foldKeyword} instead.
 */
export function foldText(text: string): FoldedText {
  return fold(text, false, true);
}

/**
 * {@link foldText} without the offset map (`from` and `to` are left as they were): for a scan that
 * usually finds nothing, and folds again with offsets when it does.
 */
export function foldTextCodes(text: string): FoldedText {
  return fold(text, false, false);
}

/**
 * The same folding without any shortcut: every cluster, ASCII included, normalised as a string.
 * Slow; the reference the fast paths of {@link foldText} are tested against.
 */
export function foldTextByClusters(text: string): FoldedText {
  return fold(text, true, true);
}

/** A keyword in the form text is folded to (leading and trailing space dropped). */
export function foldKeyword(keyword: string): string {
  const folded = foldText(keyword);
  let start = 0;
  let end = folded.length;
  while (start < end && folded.codes[start] === SPACE) start++;
  while (end > start && folded.codes[end - 1] === SPACE) end--;
  return String.fromCharCode(...folded.codes.subarray(start, end));
}

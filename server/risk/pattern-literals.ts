/**
 * Required literals of an RE2 pattern (the idea of RE2's FilteredRE2): a set of strings such that
 * every match of the pattern contains at least one of them. A cheap literal scan then rules out
 * most patterns for most messages without running RE2 at all.
 *
 * Conservative by design: anything this reader does not fully understand makes the pattern
 * "always run" (null), never a wrong literal. Literals are read like the text (ASCII lower case,
 * Kelvin sign as k, long s as s: readLiteralUnit), which only widens what counts as present; a cased
 * non-ASCII letter under (?i) is not a literal.
 */

type Info = { exact: string[] } | { atoms: string[] } | { any: true };
/**
 * What the reader knows of a piece of pattern: its literals, and for the second filter whether it
 * matches ASCII word characters only ([0-9A-Za-z_]), its shortest match, and the longest run of
 * word characters every match contains (an address pattern like `T[1-9A-HJ-NP-Za-km-z]{33}` needs 34).
 */
type Node = { lit: Info; word: boolean; min: number; run: number };

const ANY: Info = { any: true };
const EMPTY_WIDTH: Node = { lit: { exact: [""] }, word: true, min: 0, run: 0 };
const ANY_CHAR: Node = { lit: ANY, word: false, min: 1, run: 0 };
const isWord = (c: string) => /^[0-9A-Za-z_]$/.test(c);
const MAX_EXACT = 16;
/** Shorter literals are present in almost every message: not worth filtering on. */
export const MIN_LITERAL = 3;

class Unsupported extends Error {}

/** A literal as the scan reads text (see readLiteralUnit): only widens what counts as present. */
const asLiteral = (s: string) => s.replace(/[A-Z\u212a\u017f]/g, (c) => String.fromCharCode(readLiteralUnit(c.charCodeAt(0))));
const cased = (c: string) => c.toLowerCase() !== c.toUpperCase();

function toAtoms(info: Info): string[] | null {
  if ("any" in info) return null;
  const list = "exact" in info ? info.exact : info.atoms;
  if (list.some((s) => s === "")) return null;
  return list;
}

/** The better of two requirements: the one whose shortest literal is longer (fewer literals on a tie). */
function better(a: string[] | null, b: string[] | null): string[] | null {
  if (!a) return b;
  if (!b) return a;
  const shortest = (l: string[]) => Math.min(...l.map((s) => s.length));
  return shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.length < a.length) ? b : a;
}

function concatNodes(parts: Node[]): Node {
  let run = 0;
  let current = 0;
  for (const part of parts) {
    current = part.word ? current + part.min : 0;
    run = Math.max(run, current, part.run);
  }
  return {
    lit: concat(parts.map((p) => p.lit)),
    word: parts.every((p) => p.word),
    min: parts.reduce((sum, p) => sum + p.min, 0),
    run,
  };
}

function alternateNodes(branches: Node[]): Node {
  return {
    lit: alternate(branches.map((b) => b.lit)),
    word: branches.every((b) => b.word),
    min: Math.min(...branches.map((b) => b.min)),
    run: Math.min(...branches.map((b) => b.run)),
  };
}

function concat(parts: Info[]): Info {
  let exact: string[] | null = [""];
  let best: string[] | null = null;
  let broken = false;
  for (const part of parts) {
    if (exact && "exact" in part && exact.length * part.exact.length <= MAX_EXACT) {
      exact = [...new Set(exact.flatMap((a) => part.exact.map((b) => a + b)))];
      continue;
    }
    // The run of exact pieces so far ends here: it is one requirement, this part may be another.
    broken = true;
    if (exact) best = better(best, toAtoms({ exact }));
    best = better(best, toAtoms(part));
    exact = "exact" in part ? part.exact : null;
  }
  if (exact && !broken) return { exact };
  if (exact) best = better(best, toAtoms({ exact }));
  return best ? { atoms: best } : ANY;
}

function alternate(branches: Info[]): Info {
  if (branches.every((b) => "exact" in b)) {
    const all = [...new Set(branches.flatMap((b) => (b as { exact: string[] }).exact))];
    if (all.length <= MAX_EXACT) return { exact: all };
  }
  const atoms: string[] = [];
  for (const branch of branches) {
    const list = toAtoms(branch);
    if (!list) return ANY;
    atoms.push(...list);
  }
  return { atoms: [...new Set(atoms)] };
}

/** Reads the pattern's syntax (already accepted by RE2) just far enough to find its literals. */
class Reader {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Node {
    const info = this.alternation();
    if (this.i !== this.src.length) throw new Unsupported();
    return info;
  }

  private alternation(): Node {
    const branches = [this.concatenation()];
    while (this.src[this.i] === "|") {
      this.i++;
      branches.push(this.concatenation());
    }
    return branches.length === 1 ? branches[0]! : alternateNodes(branches);
  }

  private concatenation(): Node {
    const parts: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") parts.push(this.repeat(this.atom()));
    return concatNodes(parts);
  }

  private repeat(node: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Infinity;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
    } else {
      return node;
    }
    if (this.src[this.i] === "?") this.i++; // lazy: the same strings
    if (/^[*+?{]/.test(this.src[this.i] ?? "")) throw new Unsupported();
    if (min === 1 && max === 1) return node;
    const info = node.lit;
    const shape = { word: node.word, min: min * node.min, run: min === 0 ? 0 : node.word ? min * node.min : node.run };
    if (min === 0) return { ...shape, lit: max === 1 && "exact" in info ? { exact: [...new Set(["", ...info.exact])] } : ANY };
    const atoms = toAtoms(info);
    return { ...shape, lit: atoms ? { atoms } : ANY };
  }

  private literal(c: string): Node {
    // Under (?i), RE2 also matches k with the Kelvin sign and s with the long s: the scan folds those (readLiteralUnit),
    // but they are no word characters then.
    const word = isWord(c) && !(this.ignoreCase && /[ks]/i.test(c));
    if (this.ignoreCase && cased(c) && c.charCodeAt(0) >= 0x80) return { lit: ANY, word: false, min: 1, run: 0 };
    return { lit: { exact: [asLiteral(c)] }, word, min: 1, run: word ? 1 : 0 };
  }

  private atom(): Node {
    const c = this.src[this.i]!;
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape(false);
    this.i += c.length;
    if (c === ".") return ANY_CHAR;
    if (c === "^" || c === "$") return EMPTY_WIDTH;
    if ("*+?{})".includes(c)) throw new Unsupported();
    const cp = this.src.codePointAt(this.i - 1)!;
    if (cp > 0xffff) {
      this.i++;
      return { lit: { exact: [String.fromCodePoint(cp)] }, word: false, min: 1, run: 0 };
    }
    return this.literal(c);
  }

  private group(): Node {
    this.i++;
    if (this.src.startsWith("?P<", this.i) || this.src.startsWith("?<", this.i)) {
      const close = this.src.indexOf(">", this.i);
      if (close < 0) throw new Unsupported();
      this.i = close + 1;
    } else if (this.src[this.i] === "?") {
      const m = /^\?([a-zA-Z-]*)(:|\))/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported();
      // Flags are read for the whole pattern up front (see requiredLiterals); here they are skipped.
      this.i += m[0].length;
      if (m[2] === ")") return EMPTY_WIDTH;
    }
    const info = this.alternation();
    if (this.src[this.i] !== ")") throw new Unsupported();
    this.i++;
    return info;
  }

  private escape(inClass: boolean): Node {
    const next = this.src[this.i + 1];
    if (next === undefined) throw new Unsupported();
    this.i += 2;
    if ("dDwWsSpPC".includes(next)) {
      if ((next === "p" || next === "P") && this.src[this.i] === "{") {
        const close = this.src.indexOf("}", this.i);
        if (close < 0) throw new Unsupported();
        this.i = close + 1;
      } else if (next === "p" || next === "P") {
        this.i++;
      }
      // \d and \w are ASCII in RE2 (without (?i) widening \w's k and s).
      return next === "d" || (next === "w" && !this.ignoreCase) ? { lit: ANY, word: true, min: 1, run: 1 } : ANY_CHAR;
    }
    if (!inClass && "bBAz".includes(next)) return EMPTY_WIDTH;
    const controls: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", a: "\x07" };
    if (controls[next]) return { lit: { exact: [controls[next]!] }, word: false, min: 1, run: 0 };
    if (next === "x") {
      const m = /^(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{2}))/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      return this.literal(String.fromCodePoint(parseInt(m[1] ?? m[2]!, 16)));
    }
    if (/[A-Za-z0-9]/.test(next)) throw new Unsupported();
    return this.literal(next);
  }

  /** A class of at most a few characters is exact; a bigger or negated one is any character (of words, maybe). */
  private charClass(): Node {
    this.i++;
    let negated = false;
    if (this.src[this.i] === "^") {
      negated = true;
      this.i++;
    }
    const chars = new Set<string>();
    let big = false;
    let word = true;
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== "]" || first)) {
      first = false;
      if (this.src.startsWith("[:", this.i)) {
        const close = this.src.indexOf(":]", this.i);
        if (close < 0) throw new Unsupported();
        const name = this.src.slice(this.i + 2, close);
        this.i = close + 2;
        big = true;
        if (name !== "digit" && (this.ignoreCase || !["alnum", "word", "upper", "lower", "alpha"].includes(name))) word = false;
        continue;
      }
      const low = this.classChar();
      if (typeof low !== "string") {
        big = true;
        word &&= low.word;
        continue;
      }
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && this.i + 1 < this.src.length) {
        this.i++;
        const high = this.classChar();
        if (typeof high !== "string") throw new Unsupported();
        const [a, b] = [low.codePointAt(0)!, high.codePointAt(0)!];
        if (b < a) throw new Unsupported();
        const within = (x: string, y: string) => a >= x.charCodeAt(0) && b <= y.charCodeAt(0);
        const letters = within("A", "Z") || within("a", "z");
        word &&= within("0", "9") || (letters && !this.ignoreCase);
        if (b - a >= MAX_EXACT) big = true;
        else for (let cp = a; cp <= b; cp++) chars.add(String.fromCodePoint(cp));
        continue;
      }
      chars.add(low);
    }
    if (this.src[this.i] !== "]") throw new Unsupported();
    this.i++;
    if (negated) return ANY_CHAR;
    const literals = [...chars].map((c) => this.literal(c));
    word &&= literals.every((l) => l.word);
    if (big || chars.size > 4 || literals.some((l) => "any" in l.lit)) return { lit: ANY, word, min: 1, run: word ? 1 : 0 };
    const exact = [...new Set(literals.map((l) => (l.lit as { exact: string[] }).exact[0]!))];
    return { lit: { exact }, word, min: 1, run: word ? 1 : 0 };
  }

  /** One character of a class, or the node of a class escape (\d, \pL…). */
  private classChar(): string | Node {
    const c = this.src[this.i]!;
    if (c !== "\\") {
      const s = String.fromCodePoint(this.src.codePointAt(this.i)!);
      this.i += s.length;
      return s;
    }
    const node = this.escape(true);
    if ("any" in node.lit) return node;
    return (node.lit as { exact: string[] }).exact[0]!;
  }
}

/**
 * How the literal scan reads a unit of the text (and how literals are written): ASCII letters
 * lower-cased, and the two non-ASCII letters RE2's (?i) folds onto ASCII ones (Kelvin sign, long s)
 * as those. One unit for one unit, so offsets stay the text's.
 */
export function readLiteralUnit(unit: number): number {
  return unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit === 0x212a ? 0x6b : unit === 0x17f ? 0x73 : unit;
}

/**
 * How the pattern set can skip `pattern` without RE2: `literals`, one of which every match contains
 * (read like the text, see readLiteralUnit; null when none of at least MIN_LITERAL characters is required), and `wordRun`,
 * the run of ASCII word characters every match contains (0 when unknown).
 */
export function patternFilter(pattern: string): { literals: string[] | null; wordRun: number } {
  // Any i flag anywhere: treat the whole pattern as case-insensitive (only widens).
  const ignoreCase = /\(\?[a-zA-Z]*i[a-zA-Z]*[:)]/.test(pattern);
  try {
    const node = new Reader(pattern, ignoreCase).parse();
    const atoms = toAtoms(node.lit);
    return { literals: atoms && atoms.every((a) => a.length >= MIN_LITERAL) ? atoms : null, wordRun: node.run };
  } catch (error) {
    if (error instanceof Unsupported) return { literals: null, wordRun: 0 };
    throw error;
  }
}

/** An ASCII word character: [0-9A-Za-z_]. */
const isWordUnit = (u: number) => (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a) || u === 0x5f;

/** The longest run of ASCII word characters in `text`. */
export function longestWordRun(text: string): number {
  let longest = 0;
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    if (isWordUnit(text.charCodeAt(i))) {
      if (++current > longest) longest = current;
    } else {
      current = 0;
    }
  }
  return longest;
}

/**
 * Whether `units` (up to `length`) hold a run of at least `min` ASCII word characters. Looks at
 * every `min`-th unit only, until one is a word character, then back from it: ordinary text with
 * short words costs about length / min reads.
 */
export function hasWordRun(units: Uint16Array, length: number, min: number): boolean {
  if (min <= 0) return true;
  let at = min - 1;
  while (at < length) {
    if (!isWordUnit(units[at]!)) {
      at += min;
      continue;
    }
    // The run through `at` starts after the nearest non-word unit before it.
    let back = at - 1;
    const stop = at - min;
    while (back > stop && isWordUnit(units[back]!)) back--;
    if (back === stop) return true;
    // No run of `min` can end before back + min: it would include the non-word unit at `back`.
    at = back + min;
  }
  return false;
}

/**
 * Aho-Corasick over UTF-16 code units: every occurrence of every keyword in one pass over the text,
 * overlapping ones included, in time linear in the text plus the hits. Everything lives in typed
 * arrays, so a scan allocates nothing:
 * - the shallow states (root first, breadth first, as many as a budget proportional to the automaton
 *   allows) get a dense row of complete transitions (failure links already followed), so most units
 *   of a text cost one table read;
 * - deeper states keep their trie edges in one sorted edge list (most have a single edge) and fall
 *   back along their failure links until a dense state answers.
 * Transitions hold `state * 2 + 1` when the target reports a keyword, `state * 2` when not, so a
 * unit that ends no keyword costs no look-up of outputs.
 */
export type KeywordAutomaton = {
  /** Calls `hit(keywordIndex, endIndex)` for each occurrence; `endIndex` is the last code unit's index. */
  scan(codes: Uint16Array, length: number, hit: (keyword: number, end: number) => void): void;
  keywordLength(keyword: number): number;
};

/** Dense cells (4 bytes each): at least this many, and up to this many per state. */
const DENSE_MIN_CELLS = 1 << 16;
const DENSE_CELLS_PER_STATE = 4;
/** Edge lists longer than this are binary-searched. */
const LINEAR_EDGES = 8;

/**
 * Builds the automaton of `keywords` (non-empty, distinct). `readAs` (optional) says which keyword
 * unit a text unit counts as, for units other than themselves (say `A` read as `a`): the scan then
 * matches the text as if it had been mapped, without a mapping pass.
 */
export function buildKeywordAutomaton(keywords: readonly string[], readAs?: (unit: number) => number): KeywordAutomaton {
  // Alphabet: the code units the keywords use; every other unit sends the scan back to the root.
  const classOf = new Uint16Array(0x10000);
  let classes = 0;
  // The trie while building: children per state, in the order they were made.
  const children: Map<number, number>[] = [new Map()];
  const terminal: number[] = [-1];
  const lengths = new Int32Array(keywords.length);

  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const unit = keyword.charCodeAt(i);
      let cls = classOf[unit]!;
      if (cls === 0) cls = classOf[unit] = ++classes;
      let next = children[state]!.get(cls);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        terminal.push(-1);
        children[state]!.set(cls, next);
      }
      state = next;
    }
    terminal[state] = index;
    lengths[index] = keyword.length;
  });
  if (readAs) {
    for (let unit = 0; unit < 0x10000; unit++) {
      const as = readAs(unit);
      if (as !== unit && classOf[unit] === 0) classOf[unit] = classOf[as]!;
    }
  }
  const width = classes + 1;

  // Renumber breadth first: a state's failure target always comes before it, shallow states first.
  const states = children.length;
  const order = [0];
  for (let head = 0; head < order.length; head++) for (const child of children[order[head]!]!.values()) order.push(child);
  const id = new Int32Array(states);
  order.forEach((state, k) => (id[state] = k));

  const edgeStart = new Int32Array(states + 1);
  const edgeClass = new Uint16Array(Math.max(0, states - 1));
  const edgeTarget = new Int32Array(Math.max(0, states - 1));
  const keywordAt = new Int32Array(states);
  let edges = 0;
  for (let k = 0; k < states; k++) {
    const state = order[k]!;
    edgeStart[k] = edges;
    keywordAt[k] = terminal[state]!;
    for (const [cls, child] of [...children[state]!].sort((a, b) => a[0] - b[0])) {
      edgeClass[edges] = cls;
      edgeTarget[edges] = id[child]!;
      edges++;
    }
  }
  edgeStart[states] = edges;

  const child = (state: number, cls: number): number => {
    let low = edgeStart[state]!;
    let high = edgeStart[state + 1]!;
    while (high - low > LINEAR_EDGES) {
      const middle = (low + high) >>> 1;
      if (edgeClass[middle]! < cls) low = middle + 1;
      else high = middle + 1;
    }
    for (; low < high; low++) if (edgeClass[low] === cls) return edgeTarget[low]!;
    return -1;
  };

  const fail = new Int32Array(states);
  // Nearest state on the failure chain that ends a keyword (0 = none), and the first state to report from.
  const dictionary = new Int32Array(states);
  const report = new Int32Array(states);
  for (let state = 0; state < states; state++) {
    for (let e = edgeStart[state]!; e < edgeStart[state + 1]!; e++) {
      const target = edgeTarget[e]!;
      if (state !== 0) {
        let back = fail[state]!;
        let next = child(back, edgeClass[e]!);
        while (next < 0 && back !== 0) {
          back = fail[back]!;
          next = child(back, edgeClass[e]!);
        }
        fail[target] = next < 0 ? 0 : next;
      }
      dictionary[target] = keywordAt[fail[target]!]! >= 0 ? fail[target]! : dictionary[fail[target]!]!;
    }
    report[state] = keywordAt[state]! >= 0 ? state : dictionary[state]!;
  }

  const coded = (state: number) => state * 2 + (report[state] !== 0 ? 1 : 0);
  const edgeCode = edgeTarget.map(coded);
  const dense = Math.max(1, Math.min(states, Math.floor(Math.max(DENSE_MIN_CELLS, states * DENSE_CELLS_PER_STATE) / width)));
  const delta = new Int32Array(dense * width);
  for (let state = 0; state < dense; state++) {
    const row = state * width;
    for (let cls = 1; cls < width; cls++) {
      const next = child(state, cls);
      delta[row + cls] = next >= 0 ? coded(next) : state === 0 ? 0 : delta[fail[state]! * width + cls]!;
    }
  }

  return {
    keywordLength: (keyword) => lengths[keyword]!,
    scan(codes, length, hit) {
      let state = 0;
      for (let i = 0; i < length; i++) {
        const cls = classOf[codes[i]!]!;
        if (cls === 0) {
          state = 0;
          continue;
        }
        let code = -1;
        while (state >= dense) {
          let e = edgeStart[state]!;
          const end = edgeStart[state + 1]!;
          if (end - e > LINEAR_EDGES) {
            const next = child(state, cls);
            if (next >= 0) code = coded(next);
          } else {
            for (; e < end; e++)
              if (edgeClass[e] === cls) {
                code = edgeCode[e]!;
                break;
              }
          }
          if (code >= 0) break;
          state = fail[state]!;
        }
        if (code < 0) code = delta[state * width + cls]!;
        state = code >> 1;
        if ((code & 1) !== 0) for (let found = report[state]!; found !== 0; found = dictionary[found]!) hit(keywordAt[found]!, i);
      }
    },
  };
}

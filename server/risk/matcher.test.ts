import { describe, expect, it } from "vitest";
import { buildKeywordAutomaton } from "./aho-corasick";
import { compileRiskMatcher, type RiskGroupRules } from "./compile-matcher";
import { CRYPTO_TEMPLATE } from "./crypto-template";
import { foldKeyword, foldText, foldTextByClusters, foldTextCodes, type FoldedText } from "./fold-text";
import { dedupeKeywords, previewKeywordImport, riskGroupInputSchema, splitKeywords } from "./group-input";
import { buildPatternSet } from "./pattern-set";
import { hasWordRun, longestWordRun, patternFilter } from "./pattern-literals";
import { compileRe2, patternProblem } from "./risk-pattern";

const agent = { userId: "agent-1", skillGroupIds: [] as string[] };

function group(rules: Partial<RiskGroupRules> & { id: string }): RiskGroupRules {
  return {
    name: rules.id,
    action: "confirm",
    keywords: [],
    patterns: [],
    exemptUserIds: [],
    exemptSkillGroupIds: [],
    ...rules,
  };
}

/** A fixed-seed generator (mulberry32): the random corpora are the same on every run. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const found = (text: string, groups: RiskGroupRules[], sender = agent) =>
  compileRiskMatcher(groups)
    .check(text, sender)
    .map((h) => [h.matched, h.matchedText, h.start, h.end]);

describe("keywords", () => {
  it("reports overlapping keywords, each at its place in the original text", () => {
    expect(found("ushers", [group({ id: "g", keywords: ["he", "she", "hers", "his"] })])).toEqual([
      ["she", "she", 1, 4],
      ["he", "he", 2, 4],
      ["hers", "hers", 2, 6],
    ]);
  });

  it("matches across case and full-width/half-width forms, in both directions", () => {
    const groups = [group({ id: "g", keywords: ["ＷeChat", "USDT"] })];
    expect(found("add my wechat, or ＷＥＣＨＡＴ; pay in usdt or ｕｓｄｔ", groups)).toEqual([
      ["ＷeChat", "wechat", 7, 13],
      ["ＷeChat", "ＷＥＣＨＡＴ", 18, 24],
      ["USDT", "usdt", 33, 37],
      ["USDT", "ｕｓｄｔ", 41, 45],
    ]);
  });

  it("handles unicode: cyrillic, CJK, emoji before the hit, composed and decomposed accents, ligatures", () => {
    const groups = [group({ id: "g", keywords: ["перевод", "加微信", "café", "file"] })];
    const text = "😀😀 ПЕРЕВОД сюда, 请加微信, CAFE\u0301 or café, ﬁle";
    const hits = found(text, groups);
    expect(hits.map((h) => h[1])).toEqual(["ПЕРЕВОД", "加微信", "CAFE\u0301", "café", "ﬁle"]);
    for (const [, matchedText, start, end] of hits) expect(text.slice(start as number, end as number)).toBe(matchedText);
  });

  it("finds every occurrence of every keyword, as a plain search does, in automata too big for dense rows", () => {
    const random = seeded(7);
    // A wide alphabet (many edges per state, most states without a dense row) and a narrow one (deep failure chains).
    for (const [size, keywordCount, maxLength] of [
      [400, 3000, 8],
      [3, 300, 12],
    ] as const) {
      const unit = () => String.fromCharCode(0x4e00 + Math.floor(random() * size));
      const word = (length: number) => Array.from({ length }, unit).join("");
      const keywords = [...new Set(Array.from({ length: keywordCount }, () => word(1 + Math.floor(random() * maxLength))))];
      const automaton = buildKeywordAutomaton(keywords);
      for (let round = 0; round < 20; round++) {
        // Texts mostly made of keywords, with units outside the alphabet between them.
        let text = "";
        while (text.length < 400)
          text += random() < 0.6 ? keywords[Math.floor(random() * keywords.length)]! : random() < 0.5 ? word(3) : "x";
        const codes = Uint16Array.from(text, (c) => c.charCodeAt(0));
        const seen: string[] = [];
        automaton.scan(codes, codes.length, (k, end) => {
          expect(automaton.keywordLength(k)).toBe(keywords[k]!.length);
          seen.push(`${k}@${end}`);
        });
        const expected: string[] = [];
        keywords.forEach((keyword, k) => {
          for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1))
            expected.push(`${k}@${at + keyword.length - 1}`);
        });
        expect(seen.sort()).toEqual(expected.sort());
      }
    }
  });

  it("treats any run of spaces and line breaks like one space", () => {
    expect(found("please add\n\n  wechat now", [group({ id: "g", keywords: ["add wechat"] })])).toEqual([
      ["add wechat", "add\n\n  wechat", 7, 20],
    ]);
  });

  it("folds by its shortcuts exactly as cluster by cluster, offsets included", () => {
    const random = seeded(6);
    const ascii = [..."aZ09 _-.,:/\t\n\r\x0b\x0c\x1c\x00"];
    const marks = ["\u0301", "\u0327\u0308"];
    // Full-width, ligatures and expansions, Cyrillic, CJK, Hangul jamo, emoji, an astral mark,
    // lone surrogates, special spaces, the Kelvin sign and the long s.
    const others = [
      ..."ＡｚＷ０：　ﬁ½㎏ﷺПЕРЕВОДёЁßİ加微信",
      "\u1100\u1161\u11a8",
      "😀",
      "🄰",
      "\u{1d165}",
      "\ud83d",
      "\ude00",
      ..."\u00a0\u2003\u212a\u017f",
    ];
    // Pure ASCII (the fastest path), ASCII with marks, and everything.
    const alphabets = [ascii, [...ascii, ...marks], [...ascii, ...marks, ...others]];
    const view = (f: FoldedText) => ({
      codes: [...f.codes.subarray(0, f.length)],
      from: [...f.from.subarray(0, f.length)],
      to: [...f.to.subarray(0, f.length)],
    });
    for (let round = 0; round < 3000; round++) {
      const alphabet = alphabets[round % 3]!;
      const length = 1 + Math.floor(random() * (round % 10 === 0 ? 300 : 40));
      let text = "";
      for (let k = 0; k < length; k++) text += alphabet[Math.floor(random() * alphabet.length)]!;
      const reference = view(foldTextByClusters(text));
      expect(view(foldText(text)), JSON.stringify(text)).toEqual(reference);
      const codes = foldTextCodes(text);
      expect([...codes.codes.subarray(0, codes.length)], JSON.stringify(text)).toEqual(reference.codes);
      expect([...codes.units.subarray(0, text.length)]).toEqual(
        Array.from({ length: text.length }, (_, k) => text.charCodeAt(k)),
      );
    }
  });

  it("folds keywords once: duplicates by case or width are one keyword", () => {
    expect(dedupeKeywords(["WeChat", "ｗｅｃｈａｔ", "wechat ", " ", "usdt"])).toEqual({
      keywords: ["WeChat", "usdt"],
      duplicates: 3,
    });
    expect(foldKeyword("  ＡＢＣ  ")).toBe("abc");
  });

  it("imports keywords by line and by comma, with a count of what is new", () => {
    expect(splitKeywords("a, b\nc，d、e\n\n", { commas: true })).toEqual(["a", "b", "c", "d", "e"]);
    expect(splitKeywords("a, b\nc", { commas: false })).toEqual(["a, b", "c"]);
    expect(previewKeywordImport(["Alpha"], "alpha, beta\nBETA, gamma")).toEqual({
      added: ["beta", "gamma"],
      skipped: 2,
      tooLong: 0,
    });
  });
});

describe("patterns", () => {
  it("finds every match of a regex group with its offsets, also after astral characters", () => {
    const groups = [group({ id: "crypto", action: "block", patterns: CRYPTO_TEMPLATE.patterns })];
    const trc = "TJYeasTPa6gpEEfYk2Fo9PJtL1FZm2Z5fQ";
    const erc = "0x52908400098527886E0F7030069857D2E4169EE7";
    const text = `🚀 send to ${trc} or ${erc}, not 0x123`;
    const hits = compileRiskMatcher(groups).check(text, agent);
    expect(hits.map((h) => h.matchedText)).toEqual([trc, erc]);
    for (const hit of hits) expect(text.slice(hit.start, hit.end)).toBe(hit.matchedText);
    expect(hits.every((h) => h.matchKind === "pattern" && h.action === "block")).toBe(true);
  });

  it("knows BTC formats and leaves ordinary text alone", () => {
    const groups = [group({ id: "crypto", patterns: CRYPTO_TEMPLATE.patterns })];
    expect(found("legacy 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 here", groups).map((h) => h[1])).toEqual([
      "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    ]);
    expect(found("bech32 bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.", groups).map((h) => h[1])).toEqual([
      "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    ]);
    expect(found("Your order 1042 ships on 3 May; tracking TRK12345.", groups)).toEqual([]);
  });

  it("a pattern that is exponential for a backtracking engine finishes fast", () => {
    const matcher = compileRiskMatcher([group({ id: "g", patterns: ["(a+)+$", "(x+x+)+y"] })]);
    const started = performance.now();
    const hits = matcher.check(`${"a".repeat(4000)}!${"x".repeat(90)}`, agent);
    expect(hits).toEqual([]);
    // A backtracking engine needs longer than the age of the universe here.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses invalid and unsupported patterns with the reason", () => {
    expect(patternProblem("(a)\\1")).toMatch(/backreferences/);
    expect(patternProblem("foo(?=bar)")).toMatch(/lookahead and lookbehind/);
    expect(patternProblem("(?<!x)y")).toMatch(/lookahead and lookbehind/);
    expect(patternProblem("a(b")).toMatch(/not a valid pattern: missing \)/);
    expect(patternProblem("x*")).toMatch(/matches an empty text/);
    expect(patternProblem("\\bT[1-9A-HJ-NP-Za-km-z]{33}\\b")).toBeNull();
    const parsed = riskGroupInputSchema.safeParse({ name: "x", action: "block", keywords: ["k".repeat(201)] });
    expect(parsed.success).toBe(false);
  });

  it("skips RE2 by literals and word runs, never missing a match", () => {
    expect(patternFilter("t\\.me/[a-z0-9_]{5,}")).toEqual({ literals: ["t.me/"], wordRun: 5 });
    expect(patternFilter("(?i)(?:wechat|weixin)\\s*\\d+").literals).toEqual(["wechat", "weixin"]);
    // "vx" is too short to filter on: the pattern always runs.
    expect(patternFilter("(?:wechat|vx)\\d+").literals).toBeNull();
    expect(patternFilter("\\bT[1-9A-HJ-NP-Za-km-z]{33}\\b")).toEqual({ literals: null, wordRun: 34 });
    expect(patternFilter("(?i)pass").literals).toEqual(["pass"]);
    expect(patternFilter("\u212aelvin\\d").literals).toEqual(["kelvin"]);
    expect(longestWordRun("ab-cde_f1 x")).toBe(6);
    const random = seeded(8);
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: Math.floor(random() * 120) }, () =>
        random() < 0.9 ? "a" : random() < 0.5 ? " " : "é",
      ).join("");
      const units = Uint16Array.from(text, (c) => c.charCodeAt(0));
      const min = 1 + Math.floor(random() * 40);
      expect(hasWordRun(units, units.length, min), `${min} in ${text}`).toBe(longestWordRun(text) >= min);
    }

    // Every pattern, searched alone with RE2, agrees with the set on texts built to tempt mistakes.
    const patterns = [
      "t\\.me/[A-Za-z0-9_]{5,}",
      "(?i)WeChat\\s*\\d{3,}",
      "(?i)pass(?:word)?[:=]\\S+",
      "\\bT[1-9A-HJ-NP-Za-km-z]{33}\\b",
      "\\b0x[0-9a-fA-F]{40}\\b",
      "промо\\d{4}",
      "(?:foo|bar)baz",
      "a.c",
      "[xy]{2}z+",
      "\\x{41}\\x42C",
      // Literals with the Kelvin sign and the long s: the scan reads the text's as k and s, and so the literals.
      "\u212aelvin\\d",
      "\u017ftop",
    ];
    const texts = [
      "join T.ME/Secret_chan now",
      "WECHAT 12345 or wechat12",
      "PASS=hunter2 and \u212Aelvin PASSWORD:x",
      "pay TJYeasTPa6gpEEfYk2Fo9PJtL1FZm2Z5fQ!",
      "0x52908400098527886E0F7030069857D2E4169EE7",
      "ПРОМО1234 промо5678",
      "foobaz barbaz fobaz",
      "abc a-c aXc",
      "xyzzz yxz xz",
      "ABC abc",
      "😀 t.me/emoji_😀 0xZZ",
      "\u212aelvin7 kelvin8 \u017ftop stop",
    ];
    const set = buildPatternSet(patterns);
    for (const text of texts) {
      const expected: { pattern: number; start: number; end: number }[] = [];
      patterns.forEach((pattern, index) => {
        const re = compileRe2(pattern, "gu");
        const points = [...text];
        let from = 0;
        for (;;) {
          re.lastIndex = from;
          const match = re.exec(text);
          if (!match) break;
          const start = points.slice(0, match.index).join("").length;
          expected.push({ pattern: index, start, end: start + match[0]!.length });
          from = match.index + Math.max(1, [...match[0]!].length);
        }
      });
      expect(set.find(text), text).toEqual(expected);
    }
  });
});

describe("groups and exemptions", () => {
  const groups = [
    group({ id: "words", name: "Sensitive words", keywords: ["transfer"], exemptUserIds: ["senior"] }),
    group({ id: "wallets", name: "Wallets", action: "block", keywords: ["transfer"], exemptSkillGroupIds: ["finance"] }),
  ];

  it("reports a keyword shared by two groups once per group", () => {
    const hits = compileRiskMatcher(groups).check("please transfer", agent);
    expect(hits.map((h) => [h.groupName, h.action])).toEqual([
      ["Sensitive words", "confirm"],
      ["Wallets", "block"],
    ]);
  });

  it("leaves out groups that exempt the sender, by member or by skill group", () => {
    const matcher = compileRiskMatcher(groups);
    expect(matcher.check("transfer", { userId: "senior", skillGroupIds: [] }).map((h) => h.groupName)).toEqual(["Wallets"]);
    expect(matcher.check("transfer", { userId: "x", skillGroupIds: ["finance"] }).map((h) => h.groupName)).toEqual([
      "Sensitive words",
    ]);
    expect(matcher.check("transfer", { userId: "senior", skillGroupIds: ["finance"] })).toEqual([]);
    expect(matcher.exemptSkillGroupIds).toEqual(new Set(["finance"]));
  });
});
